/** The Subsonic API's annotation methods. */
package dev.resonance.plugin.subsonic.annotation;
