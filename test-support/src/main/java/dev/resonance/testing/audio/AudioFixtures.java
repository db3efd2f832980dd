package dev.resonance.testing.audio;

import dev.resonance.testing.Ffmpeg;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jaudiotagger.audio.AudioFile;
import org.jaudiotagger.audio.AudioFileIO;
import org.jaudiotagger.audio.mp3.MP3File;
import org.jaudiotagger.tag.flac.FlacTag;
import org.jaudiotagger.tag.id3.AbstractID3v2Tag;
import org.jaudiotagger.tag.mp4.Mp4Tag;
import org.jaudiotagger.tag.reference.PictureTypes;
import org.jaudiotagger.tag.vorbiscomment.VorbisCommentTag;
import org.jaudiotagger.tag.wav.WavTag;
import org.jaudiotagger.tag.aiff.AiffTag;

/**
 * Real audio files with real tags for tests: a sine tone encoded by ffmpeg, then tagged the way common taggers
 * (Picard, foobar2000) do — by jaudiotagger for MP3/FLAC/Ogg Vorbis/M4A/WAV/AIFF, by our own comment-header writer
 * for Opus (ffmpeg cannot write several values per key). Usage:
 *
 * <pre>{@code
 * Path mp3 = AudioFixtures.create(FixtureFormat.MP3).seconds(1).tags(FixtureTags.full()).writeTo(dir);
 * }</pre>
 *
 * The untagged audio is encoded once per (format, duration, rate, channels, frequency) and cached in the temp
 * directory, so a test that needs 500 files runs ffmpeg once per format.
 */
public final class AudioFixtures {

    private static final Logger JAUDIOTAGGER_LOG = Logger.getLogger("org.jaudiotagger");

    static {
        // jaudiotagger logs every file it touches at INFO/WARNING
        JAUDIOTAGGER_LOG.setLevel(Level.OFF);
    }

    private AudioFixtures() {
    }

    public static Builder create(FixtureFormat format) {
        return new Builder(format);
    }

    /** Writes a damaged copy of {@code valid} to {@code target} (seeded, so the bytes are the same on every run). */
    public static Path corrupt(Path valid, Corruption kind, Path target) {
        try {
            byte[] original = Files.readAllBytes(valid);
            Random random = new Random(0x5EED ^ kind.ordinal());
            byte[] result = switch (kind) {
                case TRUNCATED -> java.util.Arrays.copyOf(original, Math.min(200, original.length / 2));
                case EMPTY -> new byte[0];
                case RANDOM_BYTES -> {
                    byte[] bytes = new byte[Math.min(original.length, 16 * 1024)];
                    random.nextBytes(bytes);
                    yield bytes;
                }
                case HEADER_THEN_GARBAGE -> {
                    byte[] bytes = new byte[original.length];
                    random.nextBytes(bytes);
                    System.arraycopy(original, 0, bytes, 0, Math.min(32, original.length));
                    yield bytes;
                }
            };
            Files.createDirectories(target.toAbsolutePath().getParent());
            Files.write(target, result);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Builds one audio file. */
    public static final class Builder {
        private final FixtureFormat format;
        private double seconds = 1.0;
        private int sampleRate = 44_100;
        private int channels = 2;
        private int frequency = 440;
        private int id3Version = 4;
        private FixtureTags tags = FixtureTags.none();
        private String name;

        private Builder(FixtureFormat format) {
            this.format = format;
        }

        /** Duration of the tone (default 1 s; 0.1 s makes tiny files for scale tests). */
        public Builder seconds(double value) {
            if (value <= 0) {
                throw new IllegalArgumentException("duration must be positive");
            }
            seconds = value;
            return this;
        }

        /** Input sample rate (default 44100; Opus always decodes at 48000 but records this one). */
        public Builder sampleRate(int value) {
            sampleRate = value;
            return this;
        }

        public Builder channels(int value) {
            channels = value;
            return this;
        }

        public Builder frequency(int value) {
            frequency = value;
            return this;
        }

        /** ID3v2 version for MP3/WAV/AIFF: 4 (default) or 3. */
        public Builder id3Version(int value) {
            id3Version = value;
            return this;
        }

        public Builder tags(FixtureTags value) {
            tags = value;
            return this;
        }

        /** File name without extension (default: a unique name). */
        public Builder name(String value) {
            name = value;
            return this;
        }

        /** Writes the file into {@code directory} and returns its path. */
        public Path writeTo(Path directory) {
            try {
                Files.createDirectories(directory);
                Path target = name != null
                        ? directory.resolve(name + "." + format.extension())
                        : Files.createTempFile(directory, format.name().toLowerCase(Locale.ROOT) + "-", "." + format.extension());
                return writeAs(target);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Writes the file at exactly {@code target} (any extension: the content is {@link #format}'s). */
        public Path writeAs(Path target) {
            try {
                Files.copy(untagged(), target, StandardCopyOption.REPLACE_EXISTING);
                // jaudiotagger picks its reader by extension, so tag under the format's own extension
                Path work = target;
                boolean renamed = !target.getFileName().toString().toLowerCase(Locale.ROOT).endsWith("." + format.extension());
                if (renamed) {
                    work = target.resolveSibling(target.getFileName() + ".tagging." + format.extension());
                    Files.move(target, work, StandardCopyOption.REPLACE_EXISTING);
                }
                writeTags(work);
                if (renamed) {
                    Files.move(work, target, StandardCopyOption.REPLACE_EXISTING);
                }
                return target;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (Exception e) {
                throw new IllegalStateException("could not tag " + target + ": " + e, e);
            }
        }

        private void writeTags(Path file) throws Exception {
            if (format == FixtureFormat.OPUS) {
                // the picture first, as some taggers do: readers must step over it to the other comments
                List<Map.Entry<String, String>> comments = new ArrayList<>();
                if (tags.cover() != null) {
                    comments.add(Map.entry("METADATA_BLOCK_PICTURE", OggCommentWriter.metadataBlockPicture(tags.cover())));
                }
                comments.addAll(VorbisFields.of(tags));
                byte[] packet = OggCommentWriter.opusTags("Resonance test fixtures", comments);
                Files.write(file, OggCommentWriter.replaceOpusTags(Files.readAllBytes(file), packet));
                return;
            }
            if (isEmpty(tags)) {
                return;
            }
            File f = file.toFile();
            switch (format) {
                case MP3 -> {
                    MP3File mp3 = (MP3File) AudioFileIO.read(f);
                    AbstractID3v2Tag tag = Id3Writer.create(id3Version);
                    Id3Writer.fill(tag, tags);
                    mp3.setID3v2Tag(tag);
                    mp3.commit();
                }
                case WAV -> {
                    AudioFile audio = AudioFileIO.read(f);
                    WavTag wav = (WavTag) audio.getTagOrCreateAndSetDefault();
                    AbstractID3v2Tag tag = Id3Writer.create(id3Version);
                    Id3Writer.fill(tag, tags);
                    wav.setID3Tag(tag);
                    wav.syncToInfoFromId3Overwrite();
                    audio.commit();
                }
                case AIFF -> {
                    AudioFile audio = AudioFileIO.read(f);
                    AiffTag aiff = (AiffTag) audio.getTagOrCreateAndSetDefault();
                    AbstractID3v2Tag tag = Id3Writer.create(id3Version);
                    Id3Writer.fill(tag, tags);
                    aiff.setID3Tag(tag);
                    audio.commit();
                }
                case FLAC -> {
                    AudioFile audio = AudioFileIO.read(f);
                    FlacTag flac = (FlacTag) audio.getTagOrCreateAndSetDefault();
                    for (Map.Entry<String, String> c : VorbisFields.of(tags)) {
                        flac.addField(flac.createField(c.getKey(), c.getValue()));
                    }
                    if (tags.cover() != null) {
                        flac.setField(flac.createArtworkField(tags.cover().data(), PictureTypes.DEFAULT_ID, tags.cover().mimeType(), "",
                                CoverArt.size(), CoverArt.size(), 24, 0));
                    }
                    audio.commit();
                }
                case OGG_VORBIS -> {
                    AudioFile audio = AudioFileIO.read(f);
                    VorbisCommentTag vorbis = (VorbisCommentTag) audio.getTagOrCreateAndSetDefault();
                    if (tags.cover() != null) {
                        vorbis.addField(vorbis.createField("METADATA_BLOCK_PICTURE", OggCommentWriter.metadataBlockPicture(tags.cover())));
                    }
                    for (Map.Entry<String, String> c : VorbisFields.of(tags)) {
                        vorbis.addField(vorbis.createField(c.getKey(), c.getValue()));
                    }
                    audio.commit();
                }
                case M4A_AAC, M4A_ALAC -> {
                    AudioFile audio = AudioFileIO.read(f);
                    Mp4Tag mp4 = (Mp4Tag) audio.getTagOrCreateAndSetDefault();
                    Mp4Writer.fill(mp4, tags);
                    audio.commit();
                }
                default -> throw new IllegalStateException("unhandled format " + format);
            }
        }

        private static boolean isEmpty(FixtureTags t) {
            return t.equals(FixtureTags.none());
        }

        private Path untagged() throws IOException {
            List<String> args = new ArrayList<>(List.of("-f", "lavfi", "-i",
                    String.format(Locale.ROOT, "sine=frequency=%d:sample_rate=%d:duration=%s", frequency, sampleRate, seconds),
                    "-ac", Integer.toString(channels), "-map_metadata", "-1", "-fflags", "+bitexact", "-flags:a", "+bitexact"));
            args.addAll(format.encoderArguments());
            String key = format.name().toLowerCase(Locale.ROOT) + "-" + Integer.toHexString(String.join(" ", args).hashCode());
            Path cached = CACHE.resolve(key + "." + format.extension());
            if (!Files.isRegularFile(cached)) {
                Path partial = Files.createTempFile(CACHE, key, ".part." + format.extension());
                List<String> command = new ArrayList<>(args);
                command.add(partial.toString());
                Ffmpeg.run(command);
                Files.move(partial, cached, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            return cached;
        }
    }

    private static final Path CACHE = cacheDirectory();

    private static Path cacheDirectory() {
        try {
            return Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"), "resonance-audio-fixtures"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
