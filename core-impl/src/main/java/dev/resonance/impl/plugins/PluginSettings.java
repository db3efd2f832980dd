package dev.resonance.impl.plugins;

import dev.resonance.api.error.ResonanceException;
import dev.resonance.api.plugin.PluginDescriptor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.framework.Bundle;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;

/**
 * A plugin's configuration (PID {@code resonance.plugin.<id>}) as a form generated from its metatype, and changes to
 * it. Secrets (metatype {@code PASSWORD} attributes) are write-only: the form says whether one is set, never its value;
 * an update that leaves a secret out keeps it. Values are checked by the metatype before anything is written; a
 * change reaches the plugin through Config Admin ({@code @Modified}), without restarting it.
 */
public final class PluginSettings {

    /** One field of a plugin's form. */
    public record Field(String id, String name, String description, String type, boolean secret, List<String> defaults,
                 Map<String, String> options, Optional<Object> value, boolean set) {
    }

    /** A plugin's form: its PID and fields with their current values. */
    public record Form(String pluginId, String pid, List<Field> fields) {
    }

    private final MetaTypeService metatype;
    private final ConfigurationAdmin configs;

    PluginSettings(MetaTypeService metatype, ConfigurationAdmin configs) {
        this.metatype = metatype;
        this.configs = configs;
    }

    Form form(String id, Bundle bundle) {
        String pid = PluginDescriptor.pid(id);
        Dictionary<String, Object> current = properties(pid);
        List<Field> fields = new ArrayList<>();
        for (AttributeDefinition ad : definitions(id, bundle)) {
            boolean secret = ad.getType() == AttributeDefinition.PASSWORD;
            Object value = current == null ? null : current.get(ad.getID());
            Map<String, String> options = new LinkedHashMap<>();
            if (ad.getOptionValues() != null) {
                for (int i = 0; i < ad.getOptionValues().length; i++) {
                    options.put(ad.getOptionValues()[i], ad.getOptionLabels()[i]);
                }
            }
            fields.add(new Field(ad.getID(), ad.getName(), Optional.ofNullable(ad.getDescription()).orElse(""),
                typeName(ad.getType()), secret,
                secret ? List.of() : Arrays.asList(Optional.ofNullable(ad.getDefaultValue()).orElse(new String[0])),
                options, secret ? Optional.empty() : Optional.ofNullable(value), value != null));
        }
        return new Form(id, pid, fields);
    }

    /** Applies {@code changes} (field id → value as text or list of texts; null clears) after checking every one. */
    Form update(String id, Bundle bundle, Map<String, Object> changes) {
        Map<String, AttributeDefinition> byId = new LinkedHashMap<>();
        for (AttributeDefinition ad : definitions(id, bundle)) {
            byId.put(ad.getID(), ad);
        }
        List<String> problems = new ArrayList<>();
        Map<String, Object> typed = new LinkedHashMap<>();
        changes.forEach((key, value) -> {
            AttributeDefinition ad = byId.get(key);
            if (ad == null) {
                problems.add(key + ": no such setting");
                return;
            }
            if (value == null) {
                typed.put(key, null);
                return;
            }
            String text = String.valueOf(value);
            String verdict = ad.validate(text);
            if (verdict != null && !verdict.isEmpty()) {
                problems.add(key + ": " + verdict);
                return;
            }
            typed.put(key, convert(ad.getType(), text));
        });
        if (!problems.isEmpty()) {
            throw ResonanceException.invalid("plugin_config_invalid", String.join("; ", problems));
        }
        String pid = PluginDescriptor.pid(id);
        try {
            Configuration configuration = configs.getConfiguration(pid, "?");
            Dictionary<String, Object> properties = Optional.ofNullable(configuration.getProperties())
                .orElseGet(Hashtable::new);
            typed.forEach((key, value) -> {
                if (value == null) {
                    properties.remove(key);
                } else {
                    properties.put(key, value);
                }
            });
            configuration.updateIfDifferent(properties);
        } catch (IOException e) {
            throw ResonanceException.unavailable("plugin_config_store", "The configuration could not be saved: " + e.getMessage());
        }
        return form(id, bundle);
    }

    /** Deletes plugin {@code id}'s configuration (uninstall: a reinstalled plugin starts from its defaults). */
    void forget(String id) {
        try {
            Configuration[] found = configs.listConfigurations("(service.pid=" + PluginDescriptor.pid(id) + ")");
            if (found != null) {
                for (Configuration configuration : found) {
                    configuration.delete();
                }
            }
        } catch (IOException | org.osgi.framework.InvalidSyntaxException e) {
            throw ResonanceException.unavailable("plugin_config_store", "The configuration could not be deleted: " + e.getMessage());
        }
    }

    private List<AttributeDefinition> definitions(String id, Bundle bundle) {
        MetaTypeInformation information = metatype.getMetaTypeInformation(bundle);
        String pid = PluginDescriptor.pid(id);
        if (information == null || !Arrays.asList(information.getPids()).contains(pid)) {
            return List.of();
        }
        ObjectClassDefinition ocd = information.getObjectClassDefinition(pid, null);
        AttributeDefinition[] all = ocd.getAttributeDefinitions(ObjectClassDefinition.ALL);
        return all == null ? List.of() : List.of(all);
    }

    /**
     * The value plugin {@code id}'s admin set for {@code key}, as text; empty when not set (the plugin uses its default)
     * or when the configuration cannot be read.
     */
    static Optional<String> value(ConfigurationAdmin configs, String id, String key) {
        try {
            Configuration[] found = configs.listConfigurations("(service.pid=" + PluginDescriptor.pid(id) + ")");
            Dictionary<String, Object> properties = found == null || found.length == 0 ? null : found[0].getProperties();
            return Optional.ofNullable(properties == null ? null : properties.get(key)).map(Object::toString);
        } catch (IOException | org.osgi.framework.InvalidSyntaxException e) {
            return Optional.empty();
        }
    }

    private Dictionary<String, Object> properties(String pid) {
        try {
            Configuration[] found = configs.listConfigurations("(service.pid=" + pid + ")");
            return found == null || found.length == 0 ? null : found[0].getProperties();
        } catch (IOException | org.osgi.framework.InvalidSyntaxException e) {
            throw ResonanceException.unavailable("plugin_config_store", "The configuration could not be read: " + e.getMessage());
        }
    }

    private static Object convert(int type, String text) {
        return switch (type) {
            case AttributeDefinition.BOOLEAN -> Boolean.valueOf(text);
            case AttributeDefinition.INTEGER -> Integer.valueOf(text);
            case AttributeDefinition.LONG -> Long.valueOf(text);
            case AttributeDefinition.DOUBLE -> Double.valueOf(text);
            case AttributeDefinition.FLOAT -> Float.valueOf(text);
            default -> text;
        };
    }

    private static String typeName(int type) {
        return switch (type) {
            case AttributeDefinition.BOOLEAN -> "boolean";
            case AttributeDefinition.INTEGER, AttributeDefinition.LONG, AttributeDefinition.SHORT,
                 AttributeDefinition.BYTE -> "integer";
            case AttributeDefinition.DOUBLE, AttributeDefinition.FLOAT -> "number";
            case AttributeDefinition.PASSWORD -> "secret";
            default -> "string";
        };
    }
}
