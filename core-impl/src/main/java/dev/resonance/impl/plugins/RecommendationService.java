package dev.resonance.impl.plugins;

import dev.resonance.api.auth.Caller;
import dev.resonance.api.db.Database;
import dev.resonance.api.recommend.Recommendation;
import dev.resonance.api.recommend.RecommendationRequest;
import dev.resonance.api.recommend.Recommender;
import dev.resonance.impl.library.browse.CatalogQueries;
import dev.resonance.impl.library.browse.CatalogViews;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Recommendations from the {@link Recommender} plugins (the SPI's contract): every enabled recommender is asked the same
 * request at once, within the plugin call timeout; their answers are interleaved by rank in ranking order (the first of
 * each, then the second of each...), without duplicates, without the request's excluded tracks and seeds, and without
 * the tracks the caller may not see. The seeds a recommender is given are those the caller may see.
 *
 * <p>With no recommender, or none answering, the answer is empty: the clients hide what they would have shown (the web
 * app's Weekly Discover). The core has no recommender of its own yet: the autoplay fallback the SPI describes comes
 * with autoplay.
 */
public final class RecommendationService {

    /** At most this many seeds and excluded tracks per request. */
    public static final int MAX_SEEDS = 50;
    public static final int MAX_EXCLUDED = 500;

    /**
     * One recommended track.
     *
     * @param track the track as the browse API shows it
     * @param reason why, when the recommender said
     * @param plugin the plugin that recommended it (first, when several did)
     */
    public record Item(CatalogViews.Track track, Optional<String> reason, String plugin) {
    }

    /**
     * The answer.
     *
     * @param purpose what the tracks are for (lower case, as asked)
     * @param items the tracks, best first
     * @param plugins the plugins that answered, in ranking order (empty: no recommender answered)
     */
    public record Result(String purpose, List<Item> items, List<String> plugins) {
    }

    private record Candidate(Recommendation recommendation, String plugin) {
    }

    private final Database db;
    private final Providers<Recommender> providers;

    public RecommendationService(Database db, Providers<Recommender> providers) {
        this.db = db;
        this.providers = providers;
    }

    /** Whether an enabled recommender plugin would be asked now. */
    public boolean available() {
        return !providers.plugins().isEmpty();
    }

    /** Track ids like {@code seeds} for {@code caller} (the recommenders' {@code similar}), best first, at most {@code count}. */
    public List<Long> similar(Caller caller, List<Long> seeds, int count) {
        return recommend(caller, RecommendationRequest.Purpose.SIMILAR, seeds, java.util.Set.of(), count).items().stream()
                .map(item -> item.track().id()).toList();
    }

    /** Up to {@code limit} tracks for {@code purpose}, for {@code caller}. */
    public Result recommend(Caller caller, RecommendationRequest.Purpose purpose, List<Long> seeds, Set<Long> exclude, int limit) {
        List<Long> visibleSeeds = seeds.isEmpty() ? List.of() : db.read(c -> CatalogQueries.tracksById(c,
                CatalogQueries.libraries(c, caller), seeds)).stream().map(CatalogViews.Track::id).toList();
        Set<Long> excluded = new HashSet<>(exclude);
        excluded.addAll(seeds);
        RecommendationRequest request = new RecommendationRequest(caller.userId(), purpose, visibleSeeds, excluded, limit);
        List<Providers.Answer<List<Recommendation>>> answers = providers.all("recommend", recommender -> recommender.recommend(request));
        Map<Long, Candidate> interleaved = interleave(answers, excluded, limit);
        List<String> answered = answers.stream().filter(a -> a.value() != null && !a.value().isEmpty())
                .map(Providers.Answer::plugin).toList();
        if (interleaved.isEmpty()) {
            return new Result(purpose.name().toLowerCase(java.util.Locale.ROOT), List.of(), answered);
        }
        List<CatalogViews.Track> tracks = db.read(c -> CatalogQueries.tracksById(c, CatalogQueries.libraries(c, caller),
                new ArrayList<>(interleaved.keySet())));
        List<Item> items = new ArrayList<>(Math.min(limit, tracks.size()));
        for (CatalogViews.Track track : tracks) {
            if (items.size() == limit) {
                break;
            }
            Candidate candidate = interleaved.get(track.id());
            items.add(new Item(track, candidate.recommendation().reason(), candidate.plugin()));
        }
        return new Result(purpose.name().toLowerCase(java.util.Locale.ROOT), List.copyOf(items), answered);
    }

    /**
     * The answers' tracks by rank across the answers (each answer cut to {@code limit}, as the SPI allows no more), the
     * first recommender to name a track keeping it; {@code excluded} ones left out. In order.
     */
    static Map<Long, Candidate> interleave(List<Providers.Answer<List<Recommendation>>> answers, Set<Long> excluded, int limit) {
        Map<Long, Candidate> out = new LinkedHashMap<>();
        List<List<Recommendation>> lists = new ArrayList<>();
        for (Providers.Answer<List<Recommendation>> answer : answers) {
            List<Recommendation> list = answer.value() == null ? List.of() : answer.value();
            lists.add(list.size() > limit ? list.subList(0, limit) : list);
        }
        for (int rank = 0; rank < limit; rank++) {
            for (int i = 0; i < lists.size(); i++) {
                if (rank < lists.get(i).size()) {
                    Recommendation r = lists.get(i).get(rank);
                    if (r != null && !excluded.contains(r.trackId())) {
                        out.putIfAbsent(r.trackId(), new Candidate(r, answers.get(i).plugin()));
                    }
                }
            }
        }
        return out;
    }
}
