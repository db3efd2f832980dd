/** Album and song lists, the user's likes, and what their players play now. */
package dev.resonance.plugin.subsonic.lists;
