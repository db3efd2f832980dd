/**
 * Collaborative playlists (docs/api.md, "Playlists"): the invite link and its route, an invite's state, the expiries
 * offered, and what a failed join says. Pure; the pages are SharingPanel.tsx and JoinPage.tsx.
 */
import { ApiError } from '../api/client';

/** The app's route an invite link opens (App.tsx): signed in, it joins and opens the playlist. */
export const JOIN_ROUTE = 'playlists/join/:token';

/** An invite as the server lists it (`token` only in the answer that created it). */
export interface Invite {
  id: number;
  token?: string | null;
  createdAt: string;
  expiresAt: string;
  revokedAt?: string | null;
}

/** The link to send: this app's join route with the token. */
export function inviteLink(origin: string, token: string): string {
  return `${origin.replace(/\/+$/, '')}/playlists/join/${encodeURIComponent(token)}`;
}

export type InviteState = 'active' | 'revoked' | 'expired';

/** Whether {@code invite} still lets someone join at {@code now} (revoked wins over expired, as the server says). */
export function inviteState(invite: Invite, now: number): InviteState {
  if (invite.revokedAt) return 'revoked';
  return Date.parse(invite.expiresAt) <= now ? 'expired' : 'active';
}

/** The invites to show: active ones first, then the rest, each newest first. */
export function sortedInvites(invites: Invite[], now: number): Invite[] {
  const rank = (i: Invite) => (inviteState(i, now) === 'active' ? 0 : 1);
  return [...invites].sort((a, b) => rank(a) - rank(b) || Date.parse(b.createdAt) - Date.parse(a.createdAt));
}

/** The expiries offered for a new invite (the server takes 1–720 hours; 168, a week, is its default). */
export const EXPIRIES: { hours: number; label: string }[] = [
  { hours: 24, label: '1 day' },
  { hours: 168, label: '7 days' },
  { hours: 720, label: '30 days' },
];
export const DEFAULT_EXPIRY_HOURS = 168;

/** What the join page says when the server refused the invite. */
export function joinErrorText(error: unknown): string {
  if (error instanceof ApiError) {
    switch (error.code) {
      case 'invite_not_found':
        return 'This invite link is not valid. Check that it was copied whole, or ask the playlist’s owner for a new one.';
      case 'invite_revoked':
        return 'This invite was revoked by the playlist’s owner. Ask them for a new link.';
      case 'invite_expired':
        return 'This invite has expired. Ask the playlist’s owner for a new link.';
      case 'forbidden':
        return 'Your account may not have playlists, so it cannot join one.';
      default:
        return error.message;
    }
  }
  return 'The invite could not be used.';
}

/** A date and time as the user's locale writes it. */
export function when(iso: string, locale?: string): string {
  return new Date(iso).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });
}
