package dev.resonance.impl.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.resonance.api.error.ResonanceException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The registry of server-synced user settings: each key has a type, a valid range and a default. Keys not listed
 * here are refused (400) — device-local settings (output device, streaming quality per network, cache size,
 * offline downloads, local volume) never reach the server. See docs/sync-protocol.md.
 */
public final class SyncedSettings {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** One known setting: its default and how a value is checked (a problem message, or empty when valid). */
    public record Definition(String key, JsonNode defaultValue, String description, Function<JsonNode, Optional<String>> check) {
    }

    private static final Map<String, Definition> KNOWN = new LinkedHashMap<>();

    static {
        add(integer("playback.crossfadeSeconds", 0, 0, 12, "Crossfade between tracks, seconds (0 = off)"));
        add(bool("playback.gapless", true, "Gapless playback"));
        add(choice("playback.replayGain", "track", "ReplayGain mode", "off", "track", "album"));
        add(bool("playback.normalizeVolume", false, "Normalise loudness of tracks without ReplayGain tags"));
        add(choice("ui.theme", "system", "Colour theme", "system", "light", "dark"));
        add(bool("eq.enabled", false, "Equaliser on"));
        add(bands("eq.bands", 10, -12, 12, "Equaliser gains in dB for 31 Hz … 16 kHz (10 bands)"));
        add(bool("social.sharePlaying", false, "Let other users see what I am playing"));
    }

    private SyncedSettings() {
    }

    /** Every known setting, in a stable order. */
    public static List<Definition> all() {
        return List.copyOf(KNOWN.values());
    }

    /** The default value of every setting. */
    public static Map<String, JsonNode> defaults() {
        Map<String, JsonNode> values = new LinkedHashMap<>();
        KNOWN.forEach((key, definition) -> values.put(key, definition.defaultValue()));
        return values;
    }

    /** Checks {@code value} for {@code key}; unknown keys and invalid values are a 400 naming what is wrong. */
    public static JsonNode validated(String key, JsonNode value) {
        Definition definition = KNOWN.get(key);
        if (definition == null) {
            throw ResonanceException.invalid("unknown_setting", "There is no synced setting '" + abbreviated(key)
                    + "'. Known settings: " + String.join(", ", KNOWN.keySet()));
        }
        definition.check().apply(value).ifPresent(problem -> {
            throw ResonanceException.invalid("invalid_setting", key + " " + problem);
        });
        return value;
    }

    private static void add(Definition definition) {
        KNOWN.put(definition.key(), definition);
    }

    private static Definition integer(String key, int defaultValue, int min, int max, String description) {
        return new Definition(key, NODES.numberNode(defaultValue), description,
                v -> v.isIntegralNumber() && v.asLong() >= min && v.asLong() <= max ? Optional.empty()
                        : Optional.of("must be a whole number from " + min + " to " + max));
    }

    private static Definition bool(String key, boolean defaultValue, String description) {
        return new Definition(key, NODES.booleanNode(defaultValue), description,
                v -> v.isBoolean() ? Optional.empty() : Optional.of("must be true or false"));
    }

    private static Definition choice(String key, String defaultValue, String description, String... choices) {
        return new Definition(key, NODES.textNode(defaultValue), description,
                v -> v.isTextual() && Arrays.asList(choices).contains(v.asText()) ? Optional.empty()
                        : Optional.of("must be one of " + String.join(", ", choices)));
    }

    private static Definition bands(String key, int count, double min, double max, String description) {
        ArrayNode flat = NODES.arrayNode();
        for (int i = 0; i < count; i++) {
            flat.add(0);
        }
        return new Definition(key, flat, description, v -> {
            boolean ok = v.isArray() && v.size() == count;
            for (int i = 0; ok && i < v.size(); i++) {
                ok = v.get(i).isNumber() && v.get(i).asDouble() >= min && v.get(i).asDouble() <= max;
            }
            return ok ? Optional.empty() : Optional.of("must be an array of " + count + " numbers from " + min + " to " + max);
        });
    }

    private static String abbreviated(String key) {
        return dev.resonance.impl.input.InputRules.printable(key, 64);
    }
}
