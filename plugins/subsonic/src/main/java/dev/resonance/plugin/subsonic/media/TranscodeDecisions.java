package dev.resonance.plugin.subsonic.media;

import com.fasterxml.jackson.databind.JsonNode;
import dev.resonance.api.client.AudioFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code transcoding} extension's decision for one song and one client's capabilities ({@code ClientInfo}): the
 * original file is played directly when a direct-play profile over HTTP takes its container and codec, its channels,
 * and every codec limitation (bit rate, sample rate, channels, bit depth) and the client's {@code maxAudioBitrate}
 * hold; otherwise it is transcoded to the first transcoding profile over HTTP in a format the core encodes (mp3;
 * opus in ogg; aac as ADTS), at the lowest of the client's ceilings ({@code maxTranscodingAudioBitrate},
 * {@code maxAudioBitrate}), its codec limitation and the format's default. HLS is not served. {@code transcodeParams} names what {@code getTranscodeStream} then asks the core for:
 * {@code raw}, or {@code <codec>.<kbit/s>}.
 */
final class TranscodeDecisions {

    /** What the core encodes: codec, the containers it comes in, its default bit rate (kbit/s). */
    private record Encoding(String codec, List<String> containers, int defaultKbps) {
    }

    private static final List<Encoding> ENCODINGS = List.of(new Encoding("mp3", List.of("mp3"), 192),
        new Encoding("opus", List.of("ogg", "opus"), 128), new Encoding("aac", List.of("aac", "adts"), 160));

    /** A stream's properties as the decision describes them ({@code StreamDetails}). */
    record Stream(String container, String codec, int channels, long bitrate, int samplerate, int bitdepth) {
    }

    /** The decision; {@code transcode} when not played directly. */
    record Decision(boolean directPlay, boolean canTranscode, List<String> reasons, Optional<String> error, Optional<String> params,
                    Stream source, Optional<Stream> transcode) {
    }

    private TranscodeDecisions() {
    }

    /** The song's file as a stream: the container as clients name it (m4a is mp4), bit rate in bit/s. */
    static Stream source(AudioFile file) {
        String container = switch (file.suffix()) {
            case "m4a", "m4b", "mp4", "alac" -> "mp4";
            case "opus", "oga" -> "ogg";
            default -> file.suffix();
        };
        String codec = file.codec().toLowerCase(Locale.ROOT);
        return new Stream(container, codec, file.channels(), file.bitrateKbps() * 1000L, file.sampleRate(), file.bitDepth());
    }

    static Decision decide(AudioFile file, JsonNode client) {
        Stream source = source(file);
        List<String> reasons = new ArrayList<>();
        if (directPlay(source, client, reasons)) {
            return new Decision(true, true, List.of(), Optional.empty(), Optional.of("raw"), source, Optional.empty());
        }
        long clientMax = client.path("maxTranscodingAudioBitrate").asLong(0);
        for (JsonNode profile : client.path("transcodingProfiles")) {
            if (!profile.path("protocol").asText("http").equals("http")) {
                continue;
            }
            String codec = profile.path("audioCodec").asText("").toLowerCase(Locale.ROOT);
            String container = profile.path("container").asText("").toLowerCase(Locale.ROOT);
            Optional<Encoding> encoding = ENCODINGS.stream().filter(e -> e.codec().equals(codec)
                && (container.isEmpty() || e.containers().contains(container))).findFirst();
            if (encoding.isEmpty()) {
                continue;
            }
            long bitrate = encoding.get().defaultKbps() * 1000L;
            if (clientMax > 0) {
                bitrate = Math.min(bitrate, clientMax);
            }
            long overallMax = client.path("maxAudioBitrate").asLong(0);
            if (overallMax > 0) {
                bitrate = Math.min(bitrate, overallMax);
            }
            for (JsonNode limitation : limitations(client, codec)) {
                if (limitation.path("name").asText().equals("audioBitrate") && limitation.path("comparison").asText().equals("LessThanEqual")) {
                    for (JsonNode value : limitation.path("values")) {
                        bitrate = Math.min(bitrate, value.asLong(Long.MAX_VALUE));
                    }
                }
            }
            int kbps = (int) Math.max(32, bitrate / 1000);
            int maxChannels = profile.path("maxAudioChannels").asInt(0);
            int channels = maxChannels > 0 && source.channels() > maxChannels ? maxChannels : Math.max(1, Math.min(2, source.channels()));
            Stream out = new Stream(encoding.get().containers().get(0), codec, channels, kbps * 1000L,
                codec.equals("opus") ? 48_000 : Math.max(source.samplerate(), 0), 0);
            return new Decision(false, true, reasons, Optional.empty(), Optional.of(codec + "." + kbps), source, Optional.of(out));
        }
        return new Decision(false, false, reasons, Optional.of("None of the client's transcoding profiles (over HTTP) is a format this "
            + "server encodes: mp3, opus (ogg) or aac (adts)"), Optional.empty(), source, Optional.empty());
    }

    private static boolean directPlay(Stream source, JsonNode client, List<String> reasons) {
        long max = client.path("maxAudioBitrate").asLong(0);
        if (max > 0 && source.bitrate() > max) {
            reasons.add("AudioBitrateNotSupported");
            return false;
        }
        boolean containerSeen = false;
        boolean codecSeen = false;
        for (JsonNode profile : client.path("directPlayProfiles")) {
            List<String> protocols = texts(profile.path("protocols"));
            if (!protocols.isEmpty() && !protocols.contains("http")) {
                continue;
            }
            List<String> containers = texts(profile.path("containers"));
            List<String> codecs = texts(profile.path("audioCodecs"));
            if (!containers.isEmpty() && !containers.contains(source.container())) {
                continue;
            }
            containerSeen = true;
            if (!codecs.isEmpty() && !codecs.contains(source.codec())) {
                continue;
            }
            codecSeen = true;
            int maxChannels = profile.path("maxAudioChannels").asInt(0);
            if (maxChannels > 0 && source.channels() > maxChannels) {
                reasons.add("AudioChannelsNotSupported");
                continue;
            }
            Optional<String> broken = broken(source, limitations(client, source.codec()));
            if (broken.isPresent()) {
                reasons.add(broken.get());
                continue;
            }
            return true;
        }
        if (!containerSeen) {
            reasons.add("ContainerNotSupported");
        } else if (!codecSeen) {
            reasons.add("AudioCodecNotSupported");
        }
        return false;
    }

    /** The first limitation {@code source} breaks, as a reason. */
    private static Optional<String> broken(Stream source, List<JsonNode> limitations) {
        for (JsonNode limitation : limitations) {
            String name = limitation.path("name").asText();
            long actual = switch (name) {
                case "audioBitrate" -> source.bitrate();
                case "audioSamplerate" -> source.samplerate();
                case "audioChannels" -> source.channels();
                case "audioBitdepth" -> source.bitdepth();
                default -> -1;
            };
            if (actual < 0 || actual == 0 && !name.equals("audioChannels")) {
                continue; // a property the file does not have, or not known
            }
            List<Long> values = new ArrayList<>();
            limitation.path("values").forEach(v -> values.add(v.asLong(Long.MIN_VALUE)));
            boolean holds = switch (limitation.path("comparison").asText()) {
                case "Equals" -> values.contains(actual);
                case "NotEquals" -> !values.contains(actual);
                case "LessThanEqual" -> values.stream().allMatch(v -> actual <= v);
                case "GreaterThanEqual" -> values.stream().allMatch(v -> actual >= v);
                default -> true;
            };
            if (!holds) {
                return Optional.of(Character.toUpperCase(name.charAt(0)) + name.substring(1) + "NotSupported");
            }
        }
        return Optional.empty();
    }

    private static List<JsonNode> limitations(JsonNode client, String codec) {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode profile : client.path("codecProfiles")) {
            if (profile.path("name").asText("").equalsIgnoreCase(codec)) {
                profile.path("limitations").forEach(found::add);
            }
        }
        return found;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(n.asText().toLowerCase(Locale.ROOT)));
        return texts;
    }
}
