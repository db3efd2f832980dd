package dev.resonance.impl.plugins;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.resonance.api.plugin.PluginPermission;
import dev.resonance.api.user.UserActivity;
import dev.resonance.api.user.UserActivityListener;
import dev.resonance.impl.events.EventPublisher;
import dev.resonance.impl.events.UserEvent;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;

/**
 * Users' likes, ratings and playlist edits for plugins: follows the events sync commits on this node
 * ({@code SyncService.follow}) and hands those {@link UserActivity#told} says plugins hear of to the
 * {@link UserActivityListener}s of the enabled plugins that declare {@code user-data} and the capability, through a
 * {@link PluginMailboxes mailbox} per plugin (so the committing thread only queues) and {@link PluginCalls}.
 */
final class UserActivityNotifier implements EventPublisher, AutoCloseable {

    static final String SPI = "UserActivityListener";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    private final PluginManager manager;
    private final PluginCalls calls;
    private final PluginMailboxes mailboxes;
    private final Map<ServiceReference<?>, UserActivityListener> listeners = new ConcurrentSkipListMap<>();

    UserActivityNotifier(PluginManager manager, PluginCalls calls, int limit) {
        this.manager = manager;
        this.calls = calls;
        this.mailboxes = new PluginMailboxes(manager, limit, "user activities", "resonance-activity-notify-");
    }

    void addListener(ServiceReference<?> reference, UserActivityListener listener) {
        listeners.put(reference, listener);
        Bundle bundle = reference.getBundle();
        if (bundle == null) {
            return;
        }
        if (!declaresUserData(bundle)) {
            manager.failed(bundle, "registers " + SPI + " but its descriptor does not declare the "
                + PluginPermission.USER_DATA.jsonName() + " permission: it is told of no user activity");
        } else if (!manager.declares(bundle, SPI)) {
            manager.failed(bundle, "registers " + SPI + " but its descriptor does not name it among its capabilities: "
                + "it is told of no user activity");
        }
    }

    void removeListener(ServiceReference<?> reference) {
        listeners.remove(reference);
    }

    private boolean declaresUserData(Bundle bundle) {
        return manager.descriptor(bundle).filter(d -> d.asks(PluginPermission.USER_DATA)).isPresent();
    }

    private boolean entitled(Bundle bundle) {
        return manager.admits(bundle) && declaresUserData(bundle) && manager.declares(bundle, SPI);
    }

    /** On the committing thread: queues the activity for each entitled plugin, and returns. */
    @Override
    public void published(long userId, UserEvent event) {
        if (!UserActivity.told(event.type()) || listeners.isEmpty()) {
            return;
        }
        UserActivity activity = new UserActivity(userId, event.seq(), event.type(), JSON.convertValue(event.payload(), MAP),
            event.at());
        for (Map.Entry<ServiceReference<?>, UserActivityListener> entry : listeners.entrySet()) {
            Bundle bundle = entry.getKey().getBundle();
            if (bundle != null && entitled(bundle)) {
                ServiceReference<?> reference = entry.getKey();
                mailboxes.offer(bundle, () -> deliver(bundle, reference, activity));
            }
        }
    }

    private void deliver(Bundle bundle, ServiceReference<?> reference, UserActivity activity) {
        UserActivityListener listener = listeners.get(reference);
        if (listener == null || !entitled(bundle)) {
            return; // unregistered, disabled (or upgraded without the permission or the capability) since it was queued
        }
        calls.call(bundle, SPI + ".onActivity", () -> {
            listener.onActivity(activity);
            return null;
        });
    }

    @Override
    public void close() {
        mailboxes.close();
        listeners.clear();
    }
}
