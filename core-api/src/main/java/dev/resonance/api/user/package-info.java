/**
 * What plugins may know of users and tell them: the {@link dev.resonance.api.user.UserData} service, and (since 1.1)
 * the {@link dev.resonance.api.user.UserActivityListener} SPI for likes, ratings and playlist edits as they come
 * (both need the {@code user-data} permission).
 */
@Export
@Version("1.1.0")
package dev.resonance.api.user;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
