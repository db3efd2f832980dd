/** Searching: search2 and search3. */
package dev.resonance.plugin.subsonic.search;
