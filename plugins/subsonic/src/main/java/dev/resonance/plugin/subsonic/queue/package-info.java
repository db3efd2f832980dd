/** The Subsonic API's play queue (with the {@code indexBasedQueue} extension): the user's shared Connect queue. */
package dev.resonance.plugin.subsonic.queue;
