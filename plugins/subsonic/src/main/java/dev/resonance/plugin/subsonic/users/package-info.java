/** The Subsonic API's user methods, and the empty answers of features the server does not have. */
package dev.resonance.plugin.subsonic.users;
