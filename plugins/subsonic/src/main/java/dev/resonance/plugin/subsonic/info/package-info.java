/** The Subsonic API's artist and album information and similar songs. */
package dev.resonance.plugin.subsonic.info;
