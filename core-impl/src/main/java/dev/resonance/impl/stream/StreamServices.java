package dev.resonance.impl.stream;

import dev.resonance.api.auth.Caller;
import dev.resonance.api.db.Database;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;

/** What the REST API and the stream servlet need of streaming, published as one service by {@link StreamComponent}. */
public record StreamServices(TrackFiles files, DeviceStreamSettings devices, StreamPolicy policy, UrlSigner signer) {

    /** @param sessions the caller of a live session (user id, session id): {@code AuthService::sessionCaller} */
    public static StreamServices over(Database db, UrlSigner signer, BiFunction<Long, UUID, Optional<Caller>> sessions) {
        DeviceStreamSettings devices = new DeviceStreamSettings(db);
        return new StreamServices(new TrackFiles(db), devices, new StreamPolicy(devices, signer, sessions), signer);
    }
}
