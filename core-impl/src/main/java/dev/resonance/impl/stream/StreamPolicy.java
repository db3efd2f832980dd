package dev.resonance.impl.stream;

import dev.resonance.api.auth.Caller;
import dev.resonance.api.error.ResonanceException;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.servlet.http.HttpServletRequest;

/** Who is asking ({@link #caller}: token or signed URL) and what they get ({@link #decide}: the quality decision). */
public final class StreamPolicy {

    private final DeviceStreamSettings devices;
    private final UrlSigner signer;
    private final BiFunction<Long, UUID, Optional<Caller>> sessions;

    /** @param sessions the caller of a live session (user id, session id), empty once it ended */
    public StreamPolicy(DeviceStreamSettings devices, UrlSigner signer, BiFunction<Long, UUID, Optional<Caller>> sessions) {
        this.devices = devices;
        this.signer = signer;
        this.sessions = sessions;
    }

    /**
     * The caller: a signed URL if the request carries {@code sig}, else the token (header, cookie, access_token); 401
     * without. {@code trackId} is present when the path is one the servlet serves; the signature covers that path.
     */
    public Caller caller(HttpServletRequest request, Optional<Long> trackId, Supplier<Optional<Caller>> byToken) {
        Map<String, String[]> query = request.getParameterMap();
        if (UrlSigner.signatureOf(query).isPresent()) {
            if (trackId.isEmpty()) {
                throw ResonanceException.notFound("No track at this address");
            }
            boolean download = request.getPathInfo().endsWith("/download");
            UrlSigner.Grant grant = signer.verify(UrlSigner.streamPath(trackId.get()) + (download ? "/download" : ""), query);
            return sessions.apply(grant.userId(), grant.sessionId()).orElseThrow(() -> ResonanceException.unauthenticated("url_expired",
                    "The session this URL was made for has ended; sign in and ask for a new one"));
        }
        return byToken.get().orElseThrow(() -> ResonanceException.unauthenticated("unauthenticated",
                "Sign in first (bearer token, cookie, access_token parameter or a signed URL)"));
    }

    /** Direct play or a transcode, from the parameters, the client's hints and the calling device's settings. */
    public StreamDecision decide(Caller caller, TrackFiles.TrackFile file, StreamParameters parameters, Function<String, String> headers,
                                 Map<String, String[]> query) {
        ClientHints hints = ClientHints.parse(headers, query);
        DeviceStreamSettings.Quality setting = parameters.explicit() ? DeviceStreamSettings.Quality.ORIGINAL
                : devices.forCaller(caller.userId(), caller.deviceId()).on(hints.network());
        return QualityDecision.decide(file, parameters, hints, setting);
    }
}
