package dev.resonance.impl.stream;

import dev.resonance.impl.stream.transcode.Transcode;
import dev.resonance.impl.stream.transcode.TranscodeFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Direct play or the best transcode within limits, from what the client plays ({@link ClientHints}), the device's
 * setting for its network ({@link DeviceStreamSettings}) and the track. An explicit {@code format} is obeyed.
 * Direct play when the codec is playable, the bitrate fits every cap and the device does not ask for another
 * format; otherwise the device's format (or the first of opus, aac, mp3 the client plays) at the highest bitrate
 * within the caps, never above a lossy source's own.
 */
public final class QualityDecision {

    /** What each format sounds transparent at: no cap means this. */
    static int ceilingKbps(TranscodeFormat format) {
        return switch (format) {
            case OPUS -> 160;
            case AAC -> 256;
            case MP3 -> 320;
        };
    }

    static final int SAVE_DATA_KBPS = 96;
    private static final Set<String> LOSSLESS = Set.of("flac", "alac", "pcm");
    private static final List<TranscodeFormat> PREFERENCE = List.of(TranscodeFormat.OPUS, TranscodeFormat.AAC, TranscodeFormat.MP3);

    private QualityDecision() {
    }

    public static StreamDecision decide(TrackFiles.TrackFile track, StreamParameters parameters, ClientHints client,
                                        DeviceStreamSettings.Quality setting) {
        if (parameters.format().isPresent()) {
            TranscodeFormat format = parameters.format().get();
            return StreamDecision.transcode(new Transcode(format, parameters.bitrateKbps().orElse(format.defaultKbps()),
                    parameters.offsetMillis()), "requested");
        }
        if (parameters.original()) {
            return StreamDecision.direct("requested");
        }
        Set<String> plays = client.codecs().orElse(Set.copyOf(ClientHints.COMMON));
        Optional<Integer> cap = min(min(client.maxBitrateKbps(), parameters.bitrateKbps()),
                min(setting.maxBitrate(), client.saveData() ? Optional.of(SAVE_DATA_KBPS) : Optional.empty()));
        Optional<TranscodeFormat> preferred = setting.transcodeFormat();
        String network = client.network().name().toLowerCase(java.util.Locale.ROOT);

        String why;
        if (parameters.offsetMillis() > 0) {
            why = "offset needs a transcode";
        } else if (!plays.contains(track.codec())) {
            why = "client does not play " + track.codec();
        } else if (cap.isPresent() && track.bitrateKbps() > cap.get()) {
            why = "bitrate " + track.bitrateKbps() + " over " + cap.get() + (client.saveData() && cap.get() == SAVE_DATA_KBPS ? " (save-data)" : "");
        } else if (preferred.isPresent() && !preferred.get().codec().equals(track.codec())) {
            why = "device wants " + preferred.get().apiName() + " on " + network;
        } else {
            return StreamDecision.direct(track.codec() + " playable" + cap.map(c -> " within " + c).orElse(""));
        }
        TranscodeFormat format = preferred.filter(f -> plays.contains(f.codec()))
                .or(() -> PREFERENCE.stream().filter(f -> plays.contains(f.codec())).findFirst())
                .orElse(TranscodeFormat.MP3);
        int kbps = ceilingKbps(format);
        if (cap.isPresent()) {
            kbps = Math.min(kbps, cap.get());
        }
        if (!LOSSLESS.contains(track.codec()) && track.bitrateKbps() > 0) {
            kbps = Math.min(kbps, track.bitrateKbps()); // more bits than the lossy source has add nothing
        }
        return StreamDecision.transcode(new Transcode(format, format.clamp(kbps), parameters.offsetMillis()), why);
    }

    private static Optional<Integer> min(Optional<Integer> a, Optional<Integer> b) {
        return a.isEmpty() ? b : b.isEmpty() ? a : Optional.of(Math.min(a.get(), b.get()));
    }
}
