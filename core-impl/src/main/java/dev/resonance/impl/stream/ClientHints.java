package dev.resonance.impl.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.resonance.api.error.ResonanceException;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * What a client says about itself: the codecs it plays and the most bitrate it wants ({@code ?client=} profile or
 * the {@code X-Resonance-Client} JSON {@code {"codecs":["opus","mp3"],"maxBitrate":320}}), its network
 * ({@code ?network=wifi|cellular}) and {@code Save-Data: on}. Malformed hints are a 400, like malformed parameters.
 */
public record ClientHints(Optional<Set<String>> codecs, Optional<Integer> maxBitrateKbps, Network network, boolean saveData) {

    public enum Network { WIFI, CELLULAR }

    public static final String HEADER = "X-Resonance-Client";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CODEC = Pattern.compile("[a-z0-9]{1,16}");
    private static final int MAX_HEADER = 2048;

    /** What the named client profiles play (codec names as in the catalog: {@code tracks.codec}). */
    static final Map<String, Set<String>> PROFILES = Map.of(
            "web", Set.of("mp3", "aac", "opus", "vorbis", "flac", "pcm"),
            "chrome", Set.of("mp3", "aac", "opus", "vorbis", "flac", "pcm"),
            "firefox", Set.of("mp3", "aac", "opus", "vorbis", "flac", "pcm"),
            "safari", Set.of("mp3", "aac", "alac", "flac", "pcm"),
            "ios", Set.of("mp3", "aac", "alac", "flac", "pcm"),
            "android", Set.of("mp3", "aac", "opus", "vorbis", "flac", "pcm"),
            "mp3", Set.of("mp3"));

    public static final ClientHints NONE = new ClientHints(Optional.empty(), Optional.empty(), Network.WIFI, false);

    public static ClientHints parse(Function<String, String> headers, Map<String, String[]> query) {
        Optional<Set<String>> codecs = Optional.empty();
        Optional<Integer> max = Optional.empty();
        Optional<String> profile = StreamParameters.single(query, "client");
        if (profile.isPresent()) {
            Set<String> known = PROFILES.get(profile.get());
            if (known == null) {
                throw ResonanceException.invalid("invalid_client", "client must be one of " + String.join(", ", new java.util.TreeSet<>(PROFILES.keySet())));
            }
            codecs = Optional.of(known);
        }
        String header = headers.apply(HEADER);
        if (header != null) {
            JsonNode json = json(header);
            JsonNode list = json.get("codecs");
            if (list != null) {
                if (!list.isArray()) {
                    throw ResonanceException.invalid("invalid_client", HEADER + ": codecs must be a list of codec names");
                }
                Set<String> stated = new LinkedHashSet<>();
                list.forEach(c -> {
                    if (c.isTextual() && CODEC.matcher(c.asText()).matches()) {
                        stated.add(c.asText());
                    }
                });
                codecs = Optional.of(Set.copyOf(stated));
            }
            JsonNode maxBitrate = json.get("maxBitrate");
            if (maxBitrate != null && !maxBitrate.isNull()) {
                if (!maxBitrate.canConvertToInt() || !maxBitrate.isIntegralNumber() || maxBitrate.asInt() < StreamParameters.MIN_CAP_KBPS
                        || maxBitrate.asInt() > StreamParameters.MAX_CAP_KBPS) {
                    throw ResonanceException.invalid("invalid_client", HEADER + ": maxBitrate must be a whole number of kbit/s, "
                            + StreamParameters.MIN_CAP_KBPS + "-" + StreamParameters.MAX_CAP_KBPS);
                }
                max = Optional.of(maxBitrate.asInt());
            }
        }
        Network network = Network.WIFI;
        Optional<String> stated = StreamParameters.single(query, "network");
        if (stated.isPresent()) {
            network = switch (stated.get()) {
                case "wifi" -> Network.WIFI;
                case "cellular" -> Network.CELLULAR;
                default -> throw ResonanceException.invalid("invalid_network", "network must be wifi or cellular");
            };
        }
        boolean saveData = "on".equalsIgnoreCase(Optional.ofNullable(headers.apply("Save-Data")).map(String::strip).orElse(""));
        return new ClientHints(codecs, max, network, saveData);
    }

    private static JsonNode json(String header) {
        if (header.length() > MAX_HEADER) {
            throw ResonanceException.invalid("invalid_client", HEADER + " is too long");
        }
        try {
            JsonNode json = JSON.readTree(header);
            if (json == null || !json.isObject()) {
                throw ResonanceException.invalid("invalid_client", HEADER + " must be a JSON object");
            }
            return json;
        } catch (IOException e) {
            throw ResonanceException.invalid("invalid_client", HEADER + " is not valid JSON");
        }
    }

    /** Codecs assumed when the client says nothing: what every current browser plays. */
    static final List<String> COMMON = List.of("mp3", "aac", "opus", "vorbis", "flac", "pcm");
}
