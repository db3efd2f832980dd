package dev.resonance.api.client;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Signs users of client apps in with their app passwords: a bundle-scoped service (each plugin gets its own) that
 * needs the {@code client-api} permission ({@code ResonanceException} of kind {@code FORBIDDEN} without it).
 *
 * <p>An app password is a secret a user creates in their account for one app (Settings → App passwords); it stands
 * for a device of its own in the user's device list and is revoked there. Account passwords are never accepted here:
 * they are stored as one-way hashes, and a protocol such as Subsonic's token authentication needs the secret itself.
 * Failed attempts count towards the same lock-outs as the web sign-in (per username and per client address).
 */
@ProviderType
public interface ClientAccess {

    /**
     * The session of the user the credentials belong to. Cheap enough to call on every request (protocols like
     * Subsonic send credentials with each one): a recently verified credential is remembered for a short while, but a
     * revoked app password or a disabled user is refused at once.
     *
     * @param clientAddress the client's IP address, for lock-outs and the log
     * @throws dev.resonance.api.error.ResonanceException of kind {@code UNAUTHENTICATED} (code
     *     {@code invalid_credentials}) when they match no live app password, {@code TOO_MANY_REQUESTS} (code
     *     {@code login_locked}, with the time to wait) while the username or address is locked after failures,
     *     {@code UNAVAILABLE} when the database is down
     */
    ClientSession signIn(Credentials credentials, String clientAddress);

    /**
     * Whether a recommender plugin is enabled now, so that {@link ClientCatalog#similarSongs} can suggest anything:
     * a protocol announces what depends on it (Subsonic's {@code sonicSimilarity}) only while this is true. Asked
     * without a session (a protocol answers such questions before sign-in); cheap (no database read), and it may change
     * at any moment as plugins are enabled and disabled.
     *
     * @since 1.1 of {@code dev.resonance.api.client}
     */
    boolean recommends();
}
