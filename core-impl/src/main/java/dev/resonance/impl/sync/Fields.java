package dev.resonance.impl.sync;

import com.fasterxml.jackson.databind.JsonNode;
import dev.resonance.api.error.ResonanceException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Typed, bounded reads of fields of a client's JSON message; anything else is a 400 naming the field. */
final class Fields {

    private Fields() {
    }

    static Optional<Long> optionalLong(JsonNode message, String name, long min, long max) {
        JsonNode value = message.get(name);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() < min || value.asLong() > max) {
            throw invalid(name, "must be a whole number from " + min + " to " + max);
        }
        return Optional.of(value.asLong());
    }

    static long requiredLong(JsonNode message, String name, long min, long max) {
        return optionalLong(message, name, min, max).orElseThrow(() -> invalid(name, "is required"));
    }

    static Optional<Boolean> optionalBoolean(JsonNode message, String name) {
        JsonNode value = message.get(name);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isBoolean()) {
            throw invalid(name, "must be true or false");
        }
        return Optional.of(value.asBoolean());
    }

    static Optional<String> optionalChoice(JsonNode message, String name, String... choices) {
        JsonNode value = message.get(name);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual() || !Arrays.asList(choices).contains(value.asText())) {
            throw invalid(name, "must be one of " + String.join(", ", choices));
        }
        return Optional.of(value.asText());
    }

    static Optional<List<Long>> optionalIds(JsonNode message, String name, int maxSize) {
        JsonNode value = message.get(name);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isArray() || value.size() > maxSize) {
            throw invalid(name, "must be an array of at most " + maxSize + " track ids");
        }
        List<Long> ids = new ArrayList<>(value.size());
        for (JsonNode id : value) {
            if (!id.isIntegralNumber() || !id.canConvertToLong() || id.asLong() <= 0) {
                throw invalid(name, "must hold positive track ids only");
            }
            ids.add(id.asLong());
        }
        return Optional.of(ids);
    }

    static ResonanceException invalid(String name, String problem) {
        return ResonanceException.invalid("invalid_field", name + " " + problem);
    }
}
