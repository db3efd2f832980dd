/**
 * Reading tags and stream properties of audio files, cheaply: {@link dev.resonance.impl.library.tags.AudioFileReader}
 * is the {@link dev.resonance.impl.library.tags.TagReader} for MP3, FLAC, Ogg Vorbis, Opus, M4A (AAC/ALAC), WAV and
 * AIFF.
 *
 * <p>Each container has a small reader that reads only headers and tags (a few kilobytes), never decodes audio and
 * steps over embedded pictures (noting that one is there) unless the picture itself is asked for:
 * <ul>
 * <li>MP3 ({@code Mp3Reader}): ID3v2 by our fast frame walker ({@code Id3v2Parser}; jaudiotagger for ID3v2.2,
 * unsynchronisation, compressed frames), first frames confirmed by a chain of three, Xing/Info/VBRI frame count and
 * LAME delay/padding for the exact duration, ID3v1 when there is no ID3v2.</li>
 * <li>FLAC ({@code FlacReader}): metadata blocks (STREAMINFO, VORBIS_COMMENT; PICTURE skipped).</li>
 * <li>Ogg Vorbis and Opus ({@code OggReader}): first page, comment header over as many pages as it takes, last page
 * from the tail of the file (granule position − pre-skip → duration). jaudiotagger cannot read Opus.</li>
 * <li>M4A ({@code Mp4Reader}): jaudiotagger reads the moov box, after a check of the top-level boxes.</li>
 * <li>WAV, AIFF ({@code WavReader}, {@code AiffReader}): chunk walk; tags from the ID3 chunk, else RIFF INFO /
 * NAME-AUTH-ANNO.</li>
 * </ul>
 * Every reader produces raw fields under Vorbis-comment names ({@code TagFields}); {@code TagMapper} applies one set
 * of rules to all of them: trimming, multi-value splitting (NUL, ";", " / "; genres also "/"), "feat." credits in the
 * artist and the title, roles, compilation (flag, "Various Artists", the Various Artists MBID), numbers ("3/12"),
 * dates, ReplayGain ("-6.50 dB"; Opus R128 gains converted), MusicBrainz ids (UUIDs only).
 *
 * <p>Embedded lyrics are kept as the file has them ({@code dev.resonance.api.library.EmbeddedLyrics}, in file order):
 * ID3 USLT and SYLT (a SYLT's raw body; {@code Id3Lyrics} reads them on both ID3 paths), Vorbis {@code LYRICS} and
 * {@code UNSYNCEDLYRICS}, MP4 {@code ©lyr}. At most 256 KiB an entry, 16 entries and 1 MiB a file; what is left out
 * becomes a warning of {@code AudioTags}, which a scan reports as a problem of the file.
 *
 * <p>A file that is not valid audio of its type gives {@code UnreadableAudioException} with a one-line reason;
 * nothing unchecked escapes. jaudiotagger's loggers are turned off once; its global options are never changed.
 */
package dev.resonance.impl.library.tags;
