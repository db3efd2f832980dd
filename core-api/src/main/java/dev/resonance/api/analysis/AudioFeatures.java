package dev.resonance.api.analysis;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an {@link AudioAnalyzer} heard in a track.
 *
 * @param values named measurements ({@code "bpm"}, {@code "energy"} 0..1, {@code "danceability"} 0..1,
 *     {@code "loudness_lufs"}); names are lower case with '_' and documented by the plugin
 * @param moods mood labels ({@code "calm"}, {@code "happy"}, {@code "aggressive"}), most certain first
 */
public record AudioFeatures(Map<String, Double> values, List<String> moods) {
    public AudioFeatures {
        values = Map.copyOf(new TreeMap<>(values));
        moods = List.copyOf(moods);
    }
}
