/** System: ping, license, the OpenSubsonic extensions. */
package dev.resonance.plugin.subsonic.system;
