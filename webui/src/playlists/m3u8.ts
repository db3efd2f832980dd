/**
 * M3U8 export and import (docs/api.md, "Playlists"): the export's address and file name, the import's request, the
 * checks made before a file is sent, and the import report in words. Pure.
 */
import { query } from '../api/client';
import type { PlaylistSummary } from './queries';

/** The largest file the server takes (its body limit: 1 MiB). */
export const MAX_IMPORT_BYTES = 1024 * 1024;

/** What the file chooser offers: M3U8 and M3U files, by extension and by the types browsers give them. */
export const IMPORT_ACCEPT = '.m3u8,.m3u,audio/x-mpegurl,audio/mpegurl,application/vnd.apple.mpegurl';

/** The type sent with the file (the server takes any). */
export const M3U8_TYPE = 'audio/x-mpegurl';

/** Where a playlist's M3U8 file is read (paths relative to the library root, the server's default). */
export function exportPath(id: number): string {
  return `/api/v1/user/playlists/${id}/m3u8`;
}

/** A file name for a playlist's M3U8: its name without what file systems refuse, `.m3u8` added. */
export function exportFileName(name: string): string {
  const safe = name
    .replace(/\s+/g, ' ') // line breaks and tabs are spaces
    .replace(/[\u0000-\u001f\u007f/\\:*?"<>|]/g, '_')
    .trim()
    .replace(/^\.+/, '')
    .slice(0, 100)
    .trim();
  return (safe || 'playlist') + '.m3u8';
}

/** Why {@code file} cannot be imported, or null when it can be sent. */
export function importProblem(file: { name: string; size: number }): string | null {
  if (file.size === 0) return `${file.name} is empty.`;
  if (file.size > MAX_IMPORT_BYTES) return `${file.name} is larger than 1 MiB, the most the server takes.`;
  return null;
}

/**
 * The name to ask for: the one typed; else none when the file names itself (`#PLAYLIST:`, which the server reads);
 * else the file's name without its extension (the server would say "Imported playlist").
 */
export function importName(typed: string, fileName: string, text: string): string | undefined {
  if (typed.trim()) return typed.trim();
  if (/^\uFEFF?[ \t]*#PLAYLIST:[ \t]*\S/im.test(text)) return undefined;
  const stem = fileName.replace(/\.(m3u8|m3u|txt)$/i, '').trim();
  return stem || undefined;
}

/** The import request's path, with the name when there is one. */
export function importPath(name: string | undefined): string {
  return '/api/v1/user/playlists/import' + query({ name });
}

export interface Unmatched {
  line: number;
  text: string;
  reason: string;
}

export interface ImportReport {
  playlist: PlaylistSummary;
  matched: number;
  unmatched: Unmatched[];
}

/** An unmatched line's reason in words. */
export function reasonText(reason: string): string {
  switch (reason) {
    case 'not_found':
      return 'no track in the library at this path';
    case 'unsupported_uri':
      return 'a web address or other URI, not a file path';
    case 'invalid_uri':
      return 'a file: URI that is not valid (its %-escapes do not decode)';
    default:
      return reason.replace(/_/g, ' ');
  }
}

/** "3 of 4 tracks matched" — every entry line either matched a track or is listed as unmatched. */
export function importSummary(report: Pick<ImportReport, 'matched' | 'unmatched'>): string {
  const total = report.matched + report.unmatched.length;
  if (total === 0) return 'the file names no tracks';
  return `${report.matched} of ${total} ${total === 1 ? 'track' : 'tracks'} matched`;
}
