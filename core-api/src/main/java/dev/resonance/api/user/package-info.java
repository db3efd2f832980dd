/**
 * What plugins may know of users and tell them: the {@link dev.resonance.api.user.UserData} service (needs the
 * {@code user-data} permission).
 */
@Export
@Version("1.0.0")
package dev.resonance.api.user;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
