package dev.resonance.plugin.subsonic.lyrics;

import dev.resonance.api.client.ClientCatalog;
import dev.resonance.api.client.Song;
import dev.resonance.api.lyrics.LyricLine;
import dev.resonance.api.lyrics.Lyrics;
import dev.resonance.api.lyrics.WordCue;
import dev.resonance.plugin.subsonic.items.Ids;
import dev.resonance.plugin.subsonic.protocol.Call;
import dev.resonance.plugin.subsonic.protocol.Extension;
import dev.resonance.plugin.subsonic.protocol.Method;
import dev.resonance.plugin.subsonic.protocol.MethodGroup;
import dev.resonance.plugin.subsonic.protocol.Reply;
import dev.resonance.plugin.subsonic.response.Node;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@code getLyrics} (by artist and title, plain text) and {@code getLyricsBySongId} (the {@code songLyrics}
 * extension, versions 1 and 2): the song's lyrics from the server's
 * lyrics plugins as {@code structuredLyrics} — language, synced, the source's offset (carried, not applied, as
 * OpenSubsonic defines it), lines with their start times. With {@code enhanced=true} (version 2) each entry also says
 * its {@code kind} (always {@code main}: the sources do not tell translations apart) and, where the source timed
 * words, carries {@code cueLine}s: the line's index, start and end (the next line's start, or its last word's end),
 * and each word's times with its UTF-8 byte range in the line ({@code byteEnd} inclusive). A line whose words cannot
 * all be found in its text, in order, gets no {@code cueLine} rather than wrong offsets. No lyrics (or no lyrics plugin
 * enabled) is an empty {@code lyricsList}, as the spec says; an unknown song is error 70.
 */
public final class LyricsMethods implements MethodGroup {

    @Override
    public List<Method> methods() {
        return List.of(Method.signedIn("getLyricsBySongId", LyricsMethods::bySongId),
            Method.signedIn("getLyrics", LyricsMethods::byArtistAndTitle));
    }

    @Override
    public List<Extension> extensions() {
        return List.of(new Extension("songLyrics", List.of(1, 2)));
    }

    private static Reply bySongId(Call call) {
        long song = Ids.required(call.params(), "id", Ids.Kind.SONG, "Song");
        boolean enhanced = call.params().first("enhanced").map(e -> e.strip().equalsIgnoreCase("true")).orElse(false);
        if (call.catalog().song(song).isEmpty()) {
            throw dev.resonance.plugin.subsonic.protocol.ApiError.notFound("Song not found: " + Ids.song(song));
        }
        List<Node> entries = new ArrayList<>();
        for (Lyrics lyrics : call.catalog().lyrics(song)) {
            entries.add(structured(lyrics, enhanced));
        }
        return Reply.of(Node.of("lyricsList").list("structuredLyrics", entries));
    }

    /**
     * {@code getLyrics} (the original API, by names): the first song the search finds whose title is {@code title} and
     * whose artist is {@code artist} (case and accents aside; either may be absent), its first lyrics as plain text,
     * one line per line. Nothing found: an empty {@code lyrics} element, as the API answers it.
     */
    private static Reply byArtistAndTitle(Call call) {
        Optional<String> artist = call.params().first("artist").map(String::strip).filter(a -> !a.isEmpty());
        Optional<String> title = call.params().first("title").map(String::strip).filter(t -> !t.isEmpty());
        Node answer = Node.of("lyrics");
        if (title.isEmpty()) {
            return Reply.of(answer);
        }
        ClientCatalog catalog = call.catalog();
        ClientCatalog.Window none = new ClientCatalog.Window(0, 0);
        String query = artist.map(a -> title.get() + " " + a).orElse(title.get());
        for (Song song : catalog.search(query, Optional.empty(), none, none, new ClientCatalog.Window(0, 20)).songs()) {
            if (!same(song.title(), title.get()) || artist.isPresent() && !same(song.artist(), artist.get())) {
                continue;
            }
            List<Lyrics> found = catalog.lyrics(song.id());
            if (found.isEmpty()) {
                continue;
            }
            StringBuilder text = new StringBuilder();
            for (LyricLine line : found.get(0).lines()) {
                text.append(text.length() == 0 ? "" : "\n").append(line.text());
            }
            return Reply.of(answer.attr("artist", song.artist()).attr("title", song.title()).text(text.toString()));
        }
        return Reply.of(answer);
    }

    private static boolean same(String a, String b) {
        return fold(a).equals(fold(b));
    }

    private static String fold(String text) {
        return java.text.Normalizer.normalize(text.strip(), java.text.Normalizer.Form.NFKD).replaceAll("\\p{M}+", "")
            .toLowerCase(java.util.Locale.ROOT);
    }

    static Node structured(Lyrics lyrics, boolean enhanced) {
        Node node = Node.of("structuredLyrics");
        if (enhanced) {
            node.attr("kind", "main");
        }
        node.attr("lang", lyrics.lang()).attr("synced", lyrics.synced())
            .attr("displayArtist", lyrics.displayArtist())
            .attr("displayTitle", lyrics.displayTitle());
        if (lyrics.offsetMs() != 0) {
            node.attr("offset", lyrics.offsetMs());
        }
        List<Node> lines = new ArrayList<>();
        for (LyricLine line : lyrics.lines()) {
            Node l = Node.of("line");
            line.startMs().ifPresent(start -> l.attr("start", start));
            lines.add(l.text(line.text()));
        }
        node.requiredList("line", lines);
        if (enhanced) {
            List<Node> cueLines = new ArrayList<>();
            for (int i = 0; i < lyrics.lines().size(); i++) {
                LyricLine line = lyrics.lines().get(i);
                OptionalLong next = i + 1 < lyrics.lines().size() ? lyrics.lines().get(i + 1).startMs() : OptionalLong.empty();
                cueLine(i, line, next).ifPresent(cueLines::add);
            }
            node.list("cueLine", cueLines);
        }
        return node;
    }

    /** A timed line's words with their byte ranges; empty when it has no words or they do not match its text. */
    static Optional<Node> cueLine(int index, LyricLine line, OptionalLong nextStart) {
        if (line.cues().isEmpty()) {
            return Optional.empty();
        }
        List<Node> cues = new ArrayList<>();
        int from = 0;
        for (WordCue cue : line.cues()) {
            int at = cue.text().isEmpty() ? -1 : line.text().indexOf(cue.text(), from);
            if (at < 0) {
                return Optional.empty();
            }
            int byteStart = utf8Length(line.text().substring(0, at));
            int byteEnd = byteStart + utf8Length(cue.text()) - 1;
            Node c = Node.of("cue").attr("start", cue.startMs());
            cue.endMs().ifPresent(end -> c.attr("end", end));
            cues.add(c.attr("byteStart", byteStart).attr("byteEnd", byteEnd).text(cue.text()));
            from = at + cue.text().length();
        }
        Node node = Node.of("cueLine").attr("index", index);
        line.startMs().ifPresent(start -> node.attr("start", start));
        OptionalLong end = nextStart.isPresent() ? nextStart : line.cues().get(line.cues().size() - 1).endMs();
        end.ifPresent(e -> node.attr("end", e));
        return Optional.of(node.attr("value", line.text()).requiredList("cue", cues));
    }

    private static int utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
