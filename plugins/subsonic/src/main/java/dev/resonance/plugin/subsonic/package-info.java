/**
 * The Subsonic API plugin: {@link dev.resonance.plugin.subsonic.SubsonicEndpoint}, the servlet at {@code /rest}, and
 * the OpenSubsonic protocol behind it, one package per area of the API (as Navidrome's {@code server/subsonic}).
 * Exports nothing.
 */
package dev.resonance.plugin.subsonic;
