package dev.resonance.impl.stream;

import dev.resonance.api.auth.Caller;
import dev.resonance.impl.stream.transcode.Transcode;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.servlet.http.HttpServletRequest;

/** Who is asking ({@link #caller}) and what they get ({@link #decide}) for a stream request. */
public class StreamPolicy {

    /** The caller: a signed URL, else the token (header, cookie, access_token); 401 without either. */
    public Caller caller(HttpServletRequest request, Optional<Long> trackId, Supplier<Optional<Caller>> byToken) {
        return byToken.get().orElseThrow(() -> new StreamException(401, "unauthenticated",
                "Sign in first (bearer token, cookie, access_token parameter or a signed URL)"));
    }

    /** Direct play or a transcode; an explicit {@code format} is obeyed. */
    public StreamDecision decide(Caller caller, TrackFiles.TrackFile file, StreamParameters parameters, Function<String, String> headers,
                                 Map<String, String[]> query) {
        if (parameters.format().isPresent()) {
            return StreamDecision.transcode(new Transcode(parameters.format().get(),
                    parameters.bitrateKbps().orElse(parameters.format().get().defaultKbps()), parameters.offsetMillis()), "requested");
        }
        return StreamDecision.direct("original");
    }
}
