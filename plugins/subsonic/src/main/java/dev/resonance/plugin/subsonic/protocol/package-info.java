/** The protocol without HTTP: parameters, authentication, methods, errors, the envelope. */
package dev.resonance.plugin.subsonic.protocol;
