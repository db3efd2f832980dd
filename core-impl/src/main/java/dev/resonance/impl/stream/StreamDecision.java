package dev.resonance.impl.stream;

import dev.resonance.impl.stream.transcode.Transcode;
import java.util.Optional;

/**
 * What {@code /stream/{id}} sends: the original file, or a transcode; with the reason, shown to the client in the
 * {@code X-Resonance-Transcode} header and by {@code GET /api/v1/stream/{id}/decision}.
 */
public record StreamDecision(Optional<Transcode> transcode, String reason) {

    public static StreamDecision direct(String reason) {
        return new StreamDecision(Optional.empty(), reason);
    }

    public static StreamDecision transcode(Transcode transcode, String reason) {
        return new StreamDecision(Optional.of(transcode), reason);
    }

    public boolean direct() {
        return transcode.isEmpty();
    }

    /** {@code direct; reason=...} or {@code opus/128; reason=...} (the reason is plain ASCII words). */
    public String header() {
        return transcode.map(Transcode::label).orElse("direct") + "; reason=" + reason;
    }
}
