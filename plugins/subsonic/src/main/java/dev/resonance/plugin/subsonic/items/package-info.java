/** Subsonic ids of the core's items, and the items as Subsonic elements. */
package dev.resonance.plugin.subsonic.items;
