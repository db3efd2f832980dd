/** The shapes of the REST API the app reads (docs/api.md); only the fields the app uses. */

export interface User {
  id: number;
  username: string;
  displayName?: string | null;
  role: string;
  permissions?: string[];
}

export interface Session {
  user: User;
  deviceId: string;
  sessionId: string;
}

export interface ArtistRef {
  id: number;
  name: string;
}

export interface Album {
  id: number;
  title: string;
  version?: string | null;
  artist: string;
  artists: ArtistRef[];
  year?: number | null;
  coverImageId?: number | null;
  palette: string[];
  trackCount: number;
  durationMs: number;
}

export interface ReplayGain {
  trackGain?: number | null;
  trackPeak?: number | null;
  albumGain?: number | null;
  albumPeak?: number | null;
}

export interface Track {
  id: number;
  title: string;
  artist: string;
  artists: { id: number; name: string; role: string }[];
  albumId?: number | null;
  album: string;
  disc?: number | null;
  track?: number | null;
  durationMs: number;
  codec: string;
  replayGain?: ReplayGain;
  /** Not in the API's track: the album's cover, added where the app knows it (album page, playlists). */
  coverImageId?: number | null;
  /** Likewise: the album's palette, for the visualizer. */
  palette?: string[];
}

export interface Artist {
  id: number;
  name: string;
  imageId?: number | null;
}

export interface Page<T> {
  items: T[];
  next?: string | null;
  total?: number;
}

export interface AlbumDetail {
  album: Album;
  genres: string[];
  discs: { number: number; tracks: Track[] }[];
}

export interface ArtistDetail extends Artist {
  roles: string[];
  albums: Album[];
  appearsOn: Album[];
}

export interface SearchSection<T> {
  items: T[];
  next?: string | null;
}

export interface SearchResult {
  query: string;
  provider: string;
  artists?: SearchSection<Artist>;
  albums?: SearchSection<Album>;
  tracks?: SearchSection<Track>;
  playlists?: SearchSection<{ id: number; name: string }>;
}
