package dev.resonance.api.user;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Follows users' likes, ratings and playlist edits as they are made (a recommender learning tastes, a mirror to
 * another service), implemented by plugins and registered as an OSGi service under this interface. The plugin's
 * descriptor must declare the {@code user-data} permission and name {@code UserActivityListener} among its
 * capabilities: the core delivers nothing to a plugin that did not (and reports that once as the plugin's problem).
 *
 * <p><b>How the core calls it.</b> After each committed change of the kinds {@link UserActivity#PREFIXES} lists, the
 * core calls {@link #onActivity} of every registered listener of every enabled plugin, on the core's plugin-call
 * threads (never on the request that made the change). Calls into one plugin are made one at a time, in the order the
 * changes were committed; each may take at most the plugin call timeout (5 s by default). A change is delivered once,
 * by the server node that made it. To read what a user had before the plugin started listening, use
 * {@link UserData}.
 *
 * <p><b>What happens when it fails.</b> As for {@code dev.resonance.api.playback.NowPlayingListener}: an activity the
 * listener throws on, runs past the timeout with, or is unregistered during is dropped for that plugin and reported
 * once; nothing is replayed (a disabled or upgrading plugin misses the changes of that time; the sequence numbers show
 * the gap); more than 1000 undelivered activities drop the oldest, reported the same way.
 *
 * @since 1.1 of {@code dev.resonance.api.user}
 */
@ConsumerType
public interface UserActivityListener {

    /**
     * A user changed a like, a rating or a playlist.
     *
     * @throws Exception any failure; the core drops this activity for this plugin and reports it
     */
    void onActivity(UserActivity activity) throws Exception;
}
