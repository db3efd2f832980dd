package dev.resonance.impl.library.tags;

import dev.resonance.api.library.ArtistRole;
import dev.resonance.api.library.EmbeddedLyrics;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the scanner keeps from one audio file: stream properties and tags, normalised (trimmed, empty
 * values dropped, multi-valued fields split into lists). Produced by a {@link TagReader}.
 *
 * @param format      container by file type: mp3, flac, ogg, opus, m4a, wav, aiff
 * @param codec       mp3, flac, vorbis, opus, aac, alac, pcm
 * @param bitDepth    0 when not meaningful (lossy codecs)
 * @param artists     track credits with roles, in tag order (performers first)
 * @param date        the release date as tagged: "2021", "2021-03" or "2021-03-04"
 * @param lyrics      the lyrics the file carries, in file order (each at most 256 KiB; larger ones are left out)
 * @param warnings    what was left out of this otherwise readable file, one line each (a scan reports them)
 */
public record AudioTags(
        String format,
        String codec,
        long durationMillis,
        int bitrateKbps,
        int sampleRate,
        int bitDepth,
        int channels,
        Optional<String> title,
        Optional<String> titleSort,
        Optional<String> album,
        Optional<String> albumSort,
        Optional<String> albumVersion,
        List<String> albumArtists,
        Optional<String> albumArtistSort,
        List<Credit> artists,
        Optional<String> artistSort,
        Optional<Integer> trackNumber,
        Optional<Integer> trackTotal,
        Optional<Integer> discNumber,
        Optional<Integer> discTotal,
        Optional<String> date,
        Optional<String> originalDate,
        List<String> genres,
        Optional<String> label,
        boolean compilation,
        Optional<Double> replayGainTrackGain,
        Optional<Double> replayGainTrackPeak,
        Optional<Double> replayGainAlbumGain,
        Optional<Double> replayGainAlbumPeak,
        Optional<Double> bpm,
        Optional<String> isrc,
        Optional<String> comment,
        List<EmbeddedLyrics> lyrics,
        Optional<String> musicBrainzRecordingId,
        Optional<String> musicBrainzTrackId,
        Optional<String> musicBrainzReleaseId,
        Optional<String> musicBrainzReleaseGroupId,
        List<String> musicBrainzArtistIds,
        List<String> musicBrainzAlbumArtistIds,
        boolean hasEmbeddedArt,
        List<String> warnings) {

    /** One artist credit of a track. */
    public record Credit(String name, ArtistRole role) {
        public Credit {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(role, "role");
        }
    }

    public AudioTags {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(codec, "codec");
        albumArtists = List.copyOf(albumArtists);
        artists = List.copyOf(artists);
        genres = List.copyOf(genres);
        musicBrainzArtistIds = List.copyOf(musicBrainzArtistIds);
        musicBrainzAlbumArtistIds = List.copyOf(musicBrainzAlbumArtistIds);
        lyrics = List.copyOf(lyrics);
        warnings = List.copyOf(warnings);
    }

    /** Whether the file carries embedded lyrics (the catalog's {@code has_lyrics}). */
    public boolean hasLyrics() {
        return !lyrics.isEmpty();
    }

    /** The year of {@link #date()}, if it starts with four digits. */
    public Optional<Integer> year() {
        return date.filter(d -> d.length() >= 4 && d.substring(0, 4).chars().allMatch(Character::isDigit))
                .map(d -> Integer.parseInt(d.substring(0, 4)));
    }

    /** Performers only (the "artist" of the track). */
    public List<String> performers() {
        return artists.stream().filter(c -> c.role() == ArtistRole.PERFORMER).map(Credit::name).toList();
    }
}
