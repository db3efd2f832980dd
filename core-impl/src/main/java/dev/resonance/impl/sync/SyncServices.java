package dev.resonance.impl.sync;

/** What the REST API needs of sync, published as one service by {@link SyncComponent}. */
public record SyncServices(SyncService sync, LikesService likes, SettingsService settings, RatingsService ratings) {
}
