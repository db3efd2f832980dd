package dev.resonance.impl.library.tags;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The {@link TagReader} for every format Resonance plays: MP3, FLAC, Ogg Vorbis, Opus, M4A (AAC, ALAC), WAV, AIFF.
 * Picks the reader by extension, unless the first bytes say the file is another container (a FLAC named .mp3 is
 * read as FLAC). Each reader reads only headers and tags — a few kilobytes at the start (and the last page of an
 * Ogg file, the last 128 bytes of an MP3), never the audio, never the whole file — and notes embedded pictures
 * without reading them. Stateless and thread-safe.
 *
 * <p>jaudiotagger (ID3 frames, MP4 atoms) logs at INFO/WARNING for every odd file; its loggers are set to OFF once
 * here, and a strong reference is kept so the setting is not garbage-collected. No jaudiotagger global option
 * ({@code TagOptionSingleton}) is read or changed.
 */
public final class AudioFileReader implements TagReader {

    private static final Logger JAUDIOTAGGER_LOG = Logger.getLogger("org.jaudiotagger");

    static {
        JAUDIOTAGGER_LOG.setLevel(Level.OFF);
    }

    private static final FormatReader MP3 = new Mp3Reader();
    private static final FormatReader FLAC = new FlacReader();
    private static final FormatReader OGG = new OggReader();
    private static final FormatReader MP4 = new Mp4Reader();
    private static final FormatReader WAV = new WavReader();
    private static final FormatReader AIFF = new AiffReader();

    private record Kind(FormatReader reader, String format) {
    }

    private static final Map<String, Kind> BY_EXTENSION = Map.ofEntries(
            Map.entry("mp3", new Kind(MP3, "mp3")),
            Map.entry("flac", new Kind(FLAC, "flac")),
            Map.entry("ogg", new Kind(OGG, "ogg")),
            Map.entry("oga", new Kind(OGG, "ogg")),
            Map.entry("opus", new Kind(OGG, "opus")),
            Map.entry("m4a", new Kind(MP4, "m4a")),
            Map.entry("m4b", new Kind(MP4, "m4a")),
            Map.entry("mp4", new Kind(MP4, "m4a")),
            Map.entry("wav", new Kind(WAV, "wav")),
            Map.entry("aif", new Kind(AIFF, "aiff")),
            Map.entry("aiff", new Kind(AIFF, "aiff")),
            Map.entry("aifc", new Kind(AIFF, "aiff")));

    @Override
    public Set<String> extensions() {
        return BY_EXTENSION.keySet();
    }

    @Override
    public AudioTags read(Path file) throws IOException, UnreadableAudioException {
        try (Source source = Source.open(file)) {
            Kind kind = kind(file, source);
            try {
                return kind.reader().read(source, kind.format());
            } catch (UnreadableAudioException | FileSystemException e) {
                throw e;
            } catch (RuntimeException | StackOverflowError e) {
                throw unreadable(e);
            }
        }
    }

    @Override
    public Optional<EmbeddedPicture> embeddedPicture(Path file) throws IOException, UnreadableAudioException {
        try (Source source = Source.open(file)) {
            Kind kind = kind(file, source);
            try {
                return kind.reader().picture(source);
            } catch (UnreadableAudioException | FileSystemException e) {
                throw e;
            } catch (RuntimeException | StackOverflowError e) {
                throw unreadable(e);
            }
        }
    }

    private static UnreadableAudioException unreadable(Throwable e) {
        String message = e.getMessage() == null ? "" : ": " + e.getMessage().replaceAll("\\s+", " ").strip();
        if (message.length() > 200) {
            message = message.substring(0, 200) + "…";
        }
        return new UnreadableAudioException("corrupt (" + e.getClass().getSimpleName() + message + ")", e);
    }

    private static Kind kind(Path file, Source source) throws IOException, UnreadableAudioException {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        Kind byExtension = BY_EXTENSION.get(extension);
        if (byExtension == null) {
            throw new UnreadableAudioException("unsupported file type" + (extension.isEmpty() ? "" : " ." + extension));
        }
        if (source.size == 0) {
            throw new UnreadableAudioException("empty file");
        }
        FormatReader sniffed = sniff(source);
        if (sniffed == null || sniffed == byExtension.reader()) {
            return byExtension;
        }
        String format = sniffed == MP3 ? "mp3" : sniffed == FLAC ? "flac" : sniffed == OGG ? "ogg" : sniffed == MP4 ? "m4a" : sniffed == WAV ? "wav" : "aiff";
        return new Kind(sniffed, format);
    }

    /** The container the first bytes name, or null (unknown: trust the extension). */
    private static FormatReader sniff(Source source) throws IOException {
        ByteBuffer b = source.readUpTo(0, 12);
        if (b.remaining() < 12) {
            return null;
        }
        long id3 = Id3Tags.tagLength(b);
        if (id3 > 0) {
            // an ID3v2 tag starts MP3s, and some FLACs: look behind it
            return WavReader.ascii(source.readUpTo(id3, 4), 0, "fLaC") ? FLAC : MP3;
        }
        if (WavReader.ascii(b, 0, "fLaC")) {
            return FLAC;
        }
        if (WavReader.ascii(b, 0, "OggS")) {
            return OGG;
        }
        if (WavReader.ascii(b, 0, "RIFF") && WavReader.ascii(b, 8, "WAVE")) {
            return WAV;
        }
        if (WavReader.ascii(b, 0, "FORM") && (WavReader.ascii(b, 8, "AIFF") || WavReader.ascii(b, 8, "AIFC"))) {
            return AIFF;
        }
        if (WavReader.ascii(b, 4, "ftyp")) {
            return MP4;
        }
        if (Mp3Reader.Frame.parse(b.getInt(0), 0) != null) {
            return MP3;
        }
        return null;
    }
}
