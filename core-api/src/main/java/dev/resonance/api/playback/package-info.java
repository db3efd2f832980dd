/**
 * What users play, for plugins: the {@link dev.resonance.api.playback.NowPlayingListener} SPI gets every
 * {@link dev.resonance.api.playback.PlaybackEvent} (a play started, progressed, paused, resumed, finished or was
 * skipped: Discord presence, ListenBrainz {@code playing_now}), the {@link dev.resonance.api.playback.Scrobbler} SPI
 * gets a {@link dev.resonance.api.playback.Scrobble} once per play that counts as a listen by the common rule
 * ({@link dev.resonance.api.playback.Scrobble#qualifies}). The core derives both from the playback state users' devices
 * publish over the sync protocol; a plugin gets them only when its descriptor declares the {@code user-data}
 * permission. See {@code docs/plugins.md}, "Playback events".
 */
@Export
@Version("1.0.0")
package dev.resonance.api.playback;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
