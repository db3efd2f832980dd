/** The Subsonic API's media methods. */
package dev.resonance.plugin.subsonic.media;
