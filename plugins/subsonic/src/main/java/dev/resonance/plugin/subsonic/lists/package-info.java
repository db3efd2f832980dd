/** Album and song lists, and the user's likes. */
package dev.resonance.plugin.subsonic.lists;
