package dev.resonance.impl.plugins;

import dev.resonance.api.library.Catalog;
import dev.resonance.api.library.TrackInfo;
import dev.resonance.api.playback.NowPlayingListener;
import dev.resonance.api.playback.PlaybackEvent;
import dev.resonance.api.playback.Scrobble;
import dev.resonance.api.playback.Scrobbler;
import dev.resonance.api.plugin.PluginPermission;
import dev.resonance.impl.sync.PlayNotice;
import dev.resonance.impl.sync.PlayTracker;
import dev.resonance.impl.sync.PlaybackFeed;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Playback events and listens for plugins: listens to sync's {@link PlaybackFeed} and hands each notice to the
 * {@link NowPlayingListener}s (events) and {@link Scrobbler}s (listens) of the enabled plugins whose descriptor declares
 * {@code user-data}, through {@link PluginCalls} (the SPIs' contracts say what a plugin can rely on).
 *
 * <p>Each plugin has a mailbox: what it is to be told is queued there on the thread that changed playback (which only
 * queues and returns), and one task at a time delivers it, call after call, in order; so a plugin sees the events of a
 * user in the order they happened, and a slow or hanging plugin delays only itself. A mailbox holds at most
 * {@code limit} calls: past that the oldest is dropped and reported as the plugin's problem. The track of a notice is
 * looked up once, on the first plugin's delivery thread that needs it, never on the playback path.
 */
public final class PlaybackNotifier implements PlaybackFeed.Listener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PlaybackNotifier.class);

    /** The most calls waiting for one plugin (its contract says 1000). */
    public static final int QUEUE_LIMIT = 1000;

    private final Catalog catalog;
    private final PluginManager manager;
    private final PluginCalls calls;
    private final Map<ServiceReference<?>, NowPlayingListener> listeners = new ConcurrentSkipListMap<>();
    private final Map<ServiceReference<?>, Scrobbler> scrobblers = new ConcurrentSkipListMap<>();
    private final PluginMailboxes mailboxes;

    PlaybackNotifier(Catalog catalog, PluginManager manager, PluginCalls calls, int limit) {
        this.catalog = catalog;
        this.manager = manager;
        this.calls = calls;
        this.mailboxes = new PluginMailboxes(manager, limit, "playback notifications", "resonance-playback-notify-");
    }

    void addListener(ServiceReference<?> reference, NowPlayingListener listener) {
        listeners.put(reference, listener);
        checkPermission(reference, "NowPlayingListener");
    }

    void removeListener(ServiceReference<?> reference) {
        listeners.remove(reference);
    }

    void addScrobbler(ServiceReference<?> reference, Scrobbler scrobbler) {
        scrobblers.put(reference, scrobbler);
        checkPermission(reference, "Scrobbler");
    }

    void removeScrobbler(ServiceReference<?> reference) {
        scrobblers.remove(reference);
    }

    /**
     * A plugin that offers a playback SPI without declaring {@code user-data}, or without naming the SPI among its
     * capabilities, is told so once: it will get nothing.
     */
    private void checkPermission(ServiceReference<?> reference, String spi) {
        Bundle bundle = reference.getBundle();
        if (bundle != null && !declaresUserData(bundle)) {
            manager.failed(bundle, "registers " + spi + " but its descriptor does not declare the "
                + PluginPermission.USER_DATA.jsonName() + " permission: it gets no playback events");
        } else if (bundle != null && !manager.declares(bundle, spi)) {
            manager.failed(bundle, "registers " + spi + " but its descriptor does not name it among its capabilities: "
                + "it gets no playback events");
        }
    }

    private boolean declaresUserData(Bundle bundle) {
        return manager.descriptor(bundle).filter(d -> d.asks(PluginPermission.USER_DATA)).isPresent();
    }

    /** Whether {@code bundle} is to be told, through {@code spi}: enabled, with user-data, the SPI declared. */
    private boolean entitled(Bundle bundle, String spi) {
        return manager.admits(bundle) && declaresUserData(bundle) && manager.declares(bundle, spi);
    }

    /** On the thread that changed playback: queues what each plugin is to be told, and returns. */
    @Override
    public void played(List<PlayNotice> notices) {
        Tracks tracks = new Tracks();
        for (PlayNotice notice : notices) {
            boolean listen = notice.type() == PlayTracker.Type.QUALIFIED;
            Map<ServiceReference<?>, ?> targets = listen ? scrobblers : listeners;
            for (ServiceReference<?> reference : targets.keySet()) {
                Bundle bundle = reference.getBundle();
                if (bundle == null || !entitled(bundle, listen ? "Scrobbler" : "NowPlayingListener")) {
                    continue;
                }
                Delivery delivery = new Delivery(reference, notice, listen, tracks);
                mailboxes.offer(bundle, () -> deliver(bundle, delivery));
            }
        }
    }

    /** One call to make: {@code notice} to the service behind {@code reference}. */
    private record Delivery(ServiceReference<?> reference, PlayNotice notice, boolean listen, Tracks tracks) {
    }

    private void deliver(Bundle bundle, Delivery delivery) {
        if (!entitled(bundle, delivery.listen() ? "Scrobbler" : "NowPlayingListener")) {
            return; // disabled (or upgraded without the permission or the SPI) since it was queued
        }
        PlayNotice n = delivery.notice();
        if (delivery.listen()) {
            Scrobbler scrobbler = scrobblers.get(delivery.reference());
            Optional<TrackInfo> track = scrobbler == null ? Optional.empty() : delivery.tracks().get(n.trackId());
            if (track.isPresent()) {
                Scrobble scrobble = new Scrobble(n.userId(), n.username(), n.deviceName(), track.get(), n.startedAt(), n.playedMs());
                calls.call(bundle, "Scrobbler.scrobble", () -> {
                    scrobbler.scrobble(scrobble);
                    return null;
                });
            }
        } else {
            NowPlayingListener listener = listeners.get(delivery.reference());
            Optional<TrackInfo> track = listener == null ? Optional.empty() : delivery.tracks().get(n.trackId());
            if (track.isPresent()) {
                PlaybackEvent event = new PlaybackEvent(PlaybackEvent.Kind.valueOf(n.type().name()), n.userId(), n.username(),
                    n.deviceId(), n.deviceName(), track.get(), n.positionMs(), n.playedMs(), n.startedAt(), n.at());
                calls.call(bundle, "NowPlayingListener.onPlayback", () -> {
                    listener.onPlayback(event);
                    return null;
                });
            }
        }
    }

    /** The tracks of one change's notices, looked up once for every plugin (a removed track is not told about). */
    private final class Tracks {
        private final Map<Long, Optional<TrackInfo>> found = new HashMap<>();

        synchronized Optional<TrackInfo> get(long id) {
            return found.computeIfAbsent(id, this::load);
        }

        private Optional<TrackInfo> load(long id) {
            try {
                return catalog.track(id);
            } catch (RuntimeException e) {
                LOG.warn("Track {} could not be read for playback notifications: {}", id, e.toString());
                return Optional.empty();
            }
        }
    }

    @Override
    public void close() {
        mailboxes.close();
        listeners.clear();
        scrobblers.clear();
    }
}
