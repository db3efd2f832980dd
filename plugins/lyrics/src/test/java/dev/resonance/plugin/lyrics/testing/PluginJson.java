package dev.resonance.plugin.lyrics.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.resonance.api.plugin.PluginDescriptor;
import dev.resonance.api.plugin.PluginPermission;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** The plugin's own descriptor ({@link PluginDescriptor#RESOURCE}), so fakes grant exactly what it declares. */
public final class PluginJson {

    private PluginJson() {
    }

    public static JsonNode descriptor() {
        try (InputStream in = PluginJson.class.getClassLoader().getResourceAsStream(PluginDescriptor.RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(PluginDescriptor.RESOURCE + " is not on the class path");
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The permissions the descriptor declares; an unknown name fails. */
    public static Set<PluginPermission> permissions() {
        Set<PluginPermission> permissions = EnumSet.noneOf(PluginPermission.class);
        descriptor().get("permissions").fieldNames().forEachRemaining(name -> permissions.add(
            PluginPermission.fromJsonName(name).orElseThrow(() -> new AssertionError("unknown permission " + name))));
        return permissions;
    }

    /** The hosts of the {@code network} permission. */
    public static List<String> networkHosts() {
        List<String> hosts = new ArrayList<>();
        descriptor().at("/permissions/network/hosts").forEach(host -> hosts.add(host.asText()));
        return hosts;
    }

    /** The {@code storage} permission's {@code maxBytes}. */
    public static long storageMaxBytes() {
        return descriptor().at("/permissions/storage/maxBytes").asLong();
    }
}
