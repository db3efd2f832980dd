/**
 * The per-user event log ({@code user_events}): every change a user's devices must learn of is appended here in the
 * transaction that makes it, with a gapless per-user sequence number. Infrastructure: any feature that changes user
 * data appends (accounts record permission changes, sync records likes, settings, playback); sync reads it for
 * catch-up and pushes to sockets.
 */
package dev.resonance.impl.events;
