/** An answer as a tree of nodes, and its two formats, XML and JSON. */
package dev.resonance.plugin.subsonic.response;
