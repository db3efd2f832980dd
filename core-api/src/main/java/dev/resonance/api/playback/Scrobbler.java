package dev.resonance.api.playback;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Records users' listens with a service (ListenBrainz, Last.fm, a local history), implemented by plugins and registered
 * as an OSGi service under this interface. The plugin's descriptor must declare the {@code user-data} permission: the
 * core delivers nothing to a plugin that did not (and reports that once as the plugin's problem).
 *
 * <p><b>How the core calls it.</b> Once per play that {@linkplain Scrobble#qualifies(long, long) counts as a listen}
 * (the track is longer than 30 s and at least half of it or 4 minutes was heard), the core calls {@link #scrobble} of
 * every registered scrobbler of every enabled plugin, as soon as it learns that the play qualifies (from a device's
 * report: a pause, a seek, the next track; at the latest when the play ends). In a cluster each listen is delivered
 * once, on the node that handled the report that made it qualify, not once per node. Calls run on the core's
 * plugin-call threads, never on a device's request or the playback path. Calls into one plugin, whether to this
 * interface or to its {@link NowPlayingListener}s, are made <b>one at a time, in the order things happened</b>: the
 * listens of one user arrive in order, after the {@link PlaybackEvent} that made them qualify. Each call may take at
 * most the plugin call timeout (5 s by default, {@code callTimeout} of PID {@code resonance.core.plugins}).
 *
 * <p><b>What happens when it fails.</b> A scrobble the plugin throws on, runs past the timeout with (it is
 * interrupted), or is unregistered during is dropped for that plugin: the failure is logged once per plugin and cause
 * and shown as the plugin's problem. <b>The core does not retry scrobbles in this version</b>: a scrobbler that must
 * not lose a listen when its service is down keeps it in its own {@code KeyValueStore} and submits it again later
 * itself (on the next call, or on a schedule of its own). Listens that happen while the plugin is disabled, stopped or
 * upgrading are not delivered afterwards. A plugin whose queue of undelivered calls grows past 1000 loses the oldest,
 * and that is reported the same way.
 *
 * <p><b>Threading.</b> Never called concurrently for one plugin, except that a call may start while an abandoned one
 * (past the timeout) still runs. Honour interruption (blocking I/O through the core's
 * {@code dev.resonance.api.net.PluginHttp} does).
 */
@ConsumerType
public interface Scrobbler {

    /** A short, stable name of the service listens go to ({@code "listenbrainz"}), for logs and the plugin manager. */
    String service();

    /**
     * Records one listen.
     *
     * @throws Exception any failure; the core drops this scrobble for this plugin, reports it and does not retry it
     */
    void scrobble(Scrobble scrobble) throws Exception;
}
