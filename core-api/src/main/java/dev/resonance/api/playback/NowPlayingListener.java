package dev.resonance.api.playback;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Follows what users play (Discord presence, ListenBrainz {@code playing_now}, a "now playing" widget), implemented by
 * plugins and registered as an OSGi service under this interface. The plugin's descriptor must declare the
 * {@code user-data} permission: the core delivers nothing to a plugin that did not (and reports that once as the
 * plugin's problem).
 *
 * <p><b>How the core calls it.</b> For each {@link PlaybackEvent} the core derives from the playback its users' devices
 * report (see {@link PlaybackEvent.Kind} for when each kind comes), it calls {@link #onPlayback} of every registered
 * listener of every enabled plugin. Calls run on the core's plugin-call threads, never on a device's request or the
 * playback path, so a slow listener delays no device. Calls into one plugin are made <b>one at a time, in the order
 * the events happened</b>: the events of one user arrive in order (a call is started before the previous one returned
 * only when that one ran past the timeout and was abandoned). Each call may take at most the plugin call timeout (5 s
 * by default, {@code callTimeout} of PID {@code resonance.core.plugins}). The events of a user are delivered on the
 * server node that handled that user's playback change, once: in a cluster, keep what must outlive one event in the
 * plugin's {@code KeyValueStore}, which every node shares.
 *
 * <p><b>What happens when it fails.</b> An event the listener throws on, runs past the timeout with (it is
 * interrupted), or is unregistered during is dropped for that plugin: the core moves on to the next one, logs the
 * failure once per plugin and cause, and shows it as the plugin's problem. Events are not replayed: a plugin disabled,
 * stopped or upgrading misses the events of that time. A plugin whose queue of undelivered events grows past 1000
 * (it takes longer to handle events than users take to make them) loses the oldest, and that is reported the same way.
 *
 * <p><b>Threading.</b> Never called concurrently for one plugin, except as said above after a timeout; keep no state
 * that needs more than that. Honour interruption (blocking I/O through the core's
 * {@code dev.resonance.api.net.PluginHttp} does).
 */
@ConsumerType
public interface NowPlayingListener {

    /**
     * Something happened to a user's playback.
     *
     * @throws Exception any failure; the core drops this event for this plugin and reports it (see above)
     */
    void onPlayback(PlaybackEvent event) throws Exception;
}
