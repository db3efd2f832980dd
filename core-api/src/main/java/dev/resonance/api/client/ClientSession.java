package dev.resonance.api.client;

import dev.resonance.api.auth.Caller;
import org.osgi.annotation.versioning.ProviderType;

/**
 * One signed-in user of a client app, as {@link ClientAccess#signIn} gave it: everything read or done through it is
 * read or done as that user on the app password's device, with the user's permissions (a regular user without
 * {@code AccessCatalog} sees nothing) and only in the libraries they may see. Thread-safe; cheap to keep for the
 * length of one request (not longer: a later request signs in again, so a revocation applies).
 */
@ProviderType
public interface ClientSession {

    /** Who is signed in, on which device and session. */
    Caller caller();

    /** The catalog as this user sees it. */
    ClientCatalog catalog();

    /** Likes, ratings, plays and the shared queue of this user. */
    ClientActions actions();

    /** This user's playlists. */
    ClientPlaylists playlists();

    /** Audio and images. */
    ClientMedia media();
}
