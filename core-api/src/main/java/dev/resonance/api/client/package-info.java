/**
 * Serving client apps that speak another protocol than Resonance's own (the Subsonic API, later others): a plugin with
 * the {@code client-api} permission signs users in with the app passwords they created in their account
 * ({@link dev.resonance.api.client.ClientAccess}) and then reads and acts as that user through the
 * {@link dev.resonance.api.client.ClientSession} it gets, which sees exactly what the user sees in the web app (their
 * libraries, likes, ratings, plays) and changes the same data, so a change made in one app reaches the user's other
 * devices live. Since 1.1: whether recommender plugins are enabled ({@link dev.resonance.api.client.ClientAccess#recommends()})
 * what the user's players play now ({@link dev.resonance.api.client.ClientActions#playingNow()}) and the user's
 * bookmarks ({@link dev.resonance.api.client.ClientActions#bookmarks()}).
 */
@Export
@Version("1.1.0")
package dev.resonance.api.client;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
