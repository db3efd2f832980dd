package dev.resonance.plugin.lyrics.graphql;

import dev.resonance.api.graphql.FieldRequest;
import dev.resonance.api.graphql.GraphQlContribution;
import dev.resonance.api.library.Catalog;
import dev.resonance.api.library.TrackInfo;
import dev.resonance.api.lyrics.LyricLine;
import dev.resonance.api.lyrics.Lyrics;
import dev.resonance.api.lyrics.LyricsProvider;
import dev.resonance.api.lyrics.WordCue;
import dev.resonance.plugin.lyrics.LyricsConfig;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds {@code Track.lyrics} to the core's GraphQL schema: the first of this plugin's sources (embedded tags, then
 * sidecar files, then LRCLIB — their ranking order) that has lyrics for the track, each entry with its source. The
 * field is there while the plugin is enabled and gone when it is disabled or removed. A source that fails is skipped,
 * as the core's {@code /api/v1/content/tracks/{id}/lyrics} skips it.
 */
@Component(service = GraphQlContribution.class, configurationPid = LyricsConfig.PID)
public final class LyricsGraphQl implements GraphQlContribution {

    private static final Logger LOG = LoggerFactory.getLogger(LyricsGraphQl.class);

    static final String SCHEMA = """
            "Lyrics of a track from one source."
            type LyricsText {
                "embedded, sidecar or lrclib."
                source: String!
                "ISO 639-2 language code; xxx when unknown."
                lang: String!
                synced: Boolean!
                offsetMs: Long!
                displayArtist: String
                displayTitle: String
                lines: [LyricsLine!]!
            }
            type LyricsLine { "Absent on unsynced lyrics." startMs: Long text: String! cues: [LyricsCue!]! }
            type LyricsCue { startMs: Long! endMs: Long text: String! }
            extend type Track {
                "The track's lyrics from the lyrics plugin (several entries: languages, or synced and plain); empty when none."
                lyrics: [LyricsText!]
            }
            """;

    /** A provider of this bundle with its ranking. */
    private record Ranked(LyricsProvider provider, int ranking) {
    }

    private final Catalog catalog;
    private final Bundle own;
    private final List<Ranked> providers = new CopyOnWriteArrayList<>();

    @Activate
    public LyricsGraphQl(@Reference(name = "catalog") Catalog catalog) {
        this(catalog, FrameworkUtil.getBundle(LyricsGraphQl.class));
    }

    LyricsGraphQl(Catalog catalog, Bundle own) {
        this.catalog = catalog;
        this.own = own;
    }

    /** The configuration is each source's (which are enabled, LRCLIB's server): nothing to apply here, nothing restarts. */
    @Modified
    void modified() {
    }

    /** This plugin's sources only: another plugin's lyrics are the core's endpoint's business, not this field's. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void addProvider(LyricsProvider provider, Map<String, Object> properties) {
        if (own == null || FrameworkUtil.getBundle(provider.getClass()) == own) {
            Object ranking = properties.get("service.ranking");
            providers.add(new Ranked(provider, ranking instanceof Integer r ? r : 0));
        }
    }

    void removeProvider(LyricsProvider provider) {
        providers.removeIf(r -> r.provider() == provider);
    }

    @Override
    public String prefix() {
        return "Lyrics";
    }

    @Override
    public String schema() {
        return SCHEMA;
    }

    @Override
    public Object resolve(FieldRequest request) throws Exception {
        Optional<TrackInfo> track = catalog.track(request.id().orElseThrow());
        if (track.isEmpty()) {
            return List.of();
        }
        List<Ranked> ordered = new ArrayList<>(providers);
        ordered.sort(Comparator.comparingInt(Ranked::ranking).reversed());
        for (Ranked ranked : ordered) {
            List<Lyrics> found;
            try {
                found = ranked.provider().lyrics(track.get());
            } catch (Exception e) {
                LOG.debug("Lyrics source {} failed for track {}: {}", ranked.provider().source(), track.get().id(), e.toString());
                continue;
            }
            if (!found.isEmpty()) {
                return found.stream().map(lyrics -> entry(ranked.provider().source(), lyrics)).toList();
            }
        }
        return List.of();
    }

    private static Map<String, Object> entry(String source, Lyrics lyrics) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("source", source);
        entry.put("lang", lyrics.lang());
        entry.put("synced", lyrics.synced());
        entry.put("offsetMs", lyrics.offsetMs());
        entry.put("displayArtist", lyrics.displayArtist().orElse(null));
        entry.put("displayTitle", lyrics.displayTitle().orElse(null));
        entry.put("lines", lyrics.lines().stream().map(LyricsGraphQl::line).toList());
        return entry;
    }

    private static Map<String, Object> line(LyricLine line) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("startMs", line.startMs().isPresent() ? line.startMs().getAsLong() : null);
        map.put("text", line.text());
        map.put("cues", line.cues().stream().map(LyricsGraphQl::cue).toList());
        return map;
    }

    private static Map<String, Object> cue(WordCue cue) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("startMs", cue.startMs());
        map.put("endMs", cue.endMs().isPresent() ? cue.endMs().getAsLong() : null);
        map.put("text", cue.text());
        return map;
    }
}
