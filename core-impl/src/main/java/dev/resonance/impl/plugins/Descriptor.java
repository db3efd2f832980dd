package dev.resonance.impl.plugins;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.resonance.api.plugin.PluginDescriptor;
import dev.resonance.api.plugin.PluginPermission;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.osgi.framework.Version;
import org.osgi.framework.VersionRange;

/**
 * A plugin's descriptor ({@link PluginDescriptor#RESOURCE}), read and checked. Parsing never throws for bad content:
 * {@link #read} answers {@link Invalid} with the reason the manager shows.
 *
 * @param id the plugin id
 * @param name display name
 * @param version the bundle's version
 * @param author author
 * @param description one line
 * @param website home page, when given
 * @param license SPDX id or name
 * @param api the core-api versions it works with
 * @param capabilities the SPIs it says it registers
 * @param permissions what it asks for, each with its details
 */
public record Descriptor(String id, String name, String version, String author, String description,
                         Optional<String> website, String license, String api, List<String> capabilities,
                         @JsonIgnore Map<PluginPermission, Grant> permissions) {

    static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]{1,31}");
    static final long DEFAULT_STORAGE_BYTES = 1L << 20;
    static final long MAX_STORAGE_BYTES = 64L << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    public Descriptor {
        capabilities = List.copyOf(capabilities);
        permissions = Map.copyOf(permissions);
    }

    /**
     * One permission as asked.
     *
     * @param reason why, for the admin
     * @param hosts for {@code network}: host names or {@code *.domain} patterns; empty otherwise
     * @param maxBytes for {@code storage}: the quota; 0 otherwise
     * @param hostsFromSettings for {@code network}: the plugin's settings holding a server URL whose host it may call as
     *     well (an admin who points the plugin at another server allows that server); empty otherwise
     */
    public record Grant(String reason, List<String> hosts, long maxBytes, List<String> hostsFromSettings) {
        public Grant {
            hosts = List.copyOf(hosts);
            hostsFromSettings = List.copyOf(hostsFromSettings);
        }
    }

    /** A setting's name in {@code hostsFromSettings}: a metatype attribute id. */
    private static final java.util.regex.Pattern SETTING = java.util.regex.Pattern.compile("[A-Za-z][A-Za-z0-9._-]{0,63}");

    /** What reading a descriptor gave. */
    public sealed interface Result permits Valid, Invalid {
    }

    public record Valid(Descriptor descriptor) implements Result {
    }

    /** A descriptor that cannot be used; {@code id} is the header's when known. */
    public record Invalid(String reason) implements Result {
    }

    /** The core-api versions it works with. */
    public VersionRange apiRange() {
        return VersionRange.valueOf(api);
    }

    public boolean asks(PluginPermission permission) {
        return permissions.containsKey(permission);
    }

    /** Reads {@code json} for the bundle whose header names {@code headerId} at {@code bundleVersion}. */
    public static Result read(String headerId, Version bundleVersion, Optional<InputStream> json) {
        if (json.isEmpty()) {
            return new Invalid("the bundle has no " + PluginDescriptor.RESOURCE);
        }
        JsonNode root;
        try (InputStream in = json.get()) {
            root = JSON.readTree(in);
        } catch (IOException e) {
            return new Invalid(PluginDescriptor.RESOURCE + " is not JSON: " + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()));
        }
        if (root == null || !root.isObject()) {
            return new Invalid(PluginDescriptor.RESOURCE + " must be a JSON object");
        }
        List<String> problems = new ArrayList<>();
        String id = text(root, "id", problems);
        if (!id.isEmpty() && !ID.matcher(id).matches()) {
            problems.add("id \"" + id + "\" must match " + ID.pattern());
        }
        if (!id.isEmpty() && !id.equals(headerId)) {
            problems.add("id \"" + id + "\" differs from the " + PluginDescriptor.HEADER + " header \"" + headerId + "\"");
        }
        String name = text(root, "name", problems);
        String author = text(root, "author", problems);
        String description = text(root, "description", problems);
        String license = text(root, "license", problems);
        Optional<String> website = Optional.ofNullable(root.get("website")).filter(JsonNode::isTextual)
            .map(JsonNode::asText).filter(s -> !s.isBlank());
        String range = text(root, "api", problems);
        if (!range.isEmpty()) {
            try {
                VersionRange.valueOf(range);
            } catch (IllegalArgumentException e) {
                problems.add("api \"" + range + "\" is not a version range like [1.1,2)");
            }
        }
        List<String> capabilities = new ArrayList<>();
        JsonNode caps = root.get("capabilities");
        if (caps != null && caps.isArray()) {
            caps.forEach(c -> {
                if (PluginDescriptor.capabilities().contains(c.asText())) {
                    capabilities.add(c.asText());
                } else {
                    problems.add("capability " + c + " is not one this server knows (" + String.join(", ",
                        new java.util.TreeSet<>(PluginDescriptor.capabilities())) + ")");
                }
            });
        } else if (caps != null) {
            problems.add("capabilities must be a list of names");
        }
        Map<PluginPermission, Grant> permissions = new EnumMap<>(PluginPermission.class);
        JsonNode asked = root.get("permissions");
        if (asked != null && !asked.isObject()) {
            problems.add("permissions must be an object");
        } else if (asked != null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = asked.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                Optional<PluginPermission> permission = PluginPermission.fromJsonName(entry.getKey());
                if (permission.isEmpty()) {
                    problems.add("unknown permission \"" + entry.getKey() + "\"");
                    continue;
                }
                grant(permission.get(), entry.getValue(), problems).ifPresent(g -> permissions.put(permission.get(), g));
            }
        }
        if (!problems.isEmpty()) {
            return new Invalid("invalid " + PluginDescriptor.RESOURCE + ": " + String.join("; ", problems));
        }
        return new Valid(new Descriptor(id, name, bundleVersion.toString(), author, description, website, license,
            range, capabilities, permissions));
    }

    private static Optional<Grant> grant(PluginPermission permission, JsonNode node, List<String> problems) {
        String key = permission.jsonName();
        String reason = node.path("reason").asText("");
        if (reason.isBlank()) {
            problems.add("permission " + key + " needs a reason");
            return Optional.empty();
        }
        List<String> hosts = new ArrayList<>();
        List<String> fromSettings = new ArrayList<>();
        long maxBytes = 0;
        if (permission == PluginPermission.NETWORK) {
            node.path("hosts").forEach(h -> hosts.add(h.asText().toLowerCase(java.util.Locale.ROOT)));
            for (JsonNode setting : node.path("hostsFromSettings")) {
                if (setting.isTextual() && SETTING.matcher(setting.asText()).matches()) {
                    fromSettings.add(setting.asText());
                } else {
                    problems.add("permission network: hostsFromSettings names settings (" + setting + " is not a setting's name)");
                }
            }
            if (hosts.isEmpty() && fromSettings.isEmpty()) {
                problems.add("permission network needs the hosts it talks to");
            }
        }
        if (permission == PluginPermission.STORAGE) {
            maxBytes = node.path("maxBytes").asLong(DEFAULT_STORAGE_BYTES);
            if (maxBytes <= 0 || maxBytes > MAX_STORAGE_BYTES) {
                problems.add("storage maxBytes must be 1.." + MAX_STORAGE_BYTES);
            }
        }
        return Optional.of(new Grant(reason.strip(), hosts, maxBytes, fromSettings));
    }

    private static String text(JsonNode root, String field, List<String> problems) {
        JsonNode node = root.get(field);
        if (node == null || !node.isTextual() || node.asText().isBlank()) {
            problems.add("\"" + field + "\" is required");
            return "";
        }
        return node.asText().strip();
    }

    /** The permissions by their descriptor names, as the API shows them and as an admin approves them. */
    @JsonProperty("permissions")
    public Map<String, Grant> permissionsByName() {
        Map<String, Grant> named = new java.util.TreeMap<>();
        permissions.forEach((p, g) -> named.put(p.jsonName(), g));
        return named;
    }
}
