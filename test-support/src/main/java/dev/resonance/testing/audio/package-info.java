/**
 * Generated audio files with real tags for tests: {@link dev.resonance.testing.audio.AudioFixtures} encodes a sine tone
 * with ffmpeg (MP3, FLAC, Ogg Vorbis, Opus, M4A AAC/ALAC, WAV, AIFF), then writes {@link
 * dev.resonance.testing.audio.FixtureTags} the way Picard does — jaudiotagger for every format but Opus, whose comment
 * header (several values per key, METADATA_BLOCK_PICTURE cover) we write ourselves. {@code AudioFixtures.corrupt}
 * makes the damaged variants ({@link dev.resonance.testing.audio.Corruption}). Untagged audio is cached in
 * {@code java.io.tmpdir/resonance-audio-fixtures}, so many files cost one ffmpeg run per format and duration.
 */
package dev.resonance.testing.audio;
