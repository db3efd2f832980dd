package dev.resonance.api.analysis;

import dev.resonance.api.library.TrackInfo;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Listens to tracks and describes them (tempo, key, loudness, energy, moods), registered as an OSGi service by plugins.
 * Reading the audio needs the plugin's {@code library-files} permission ({@code Catalog.file}).
 *
 * <p><b>How the core calls it.</b> In the background, never for a request: the core goes through the catalog and asks
 * each enabled analyzer about every track it has no features for at the analyzer's current {@link #version()}, one
 * track at a time per analyzer, at a low priority, and stores the answer; raising the version re-analyses the library.
 * Analysis may take longer than other plugin calls: the timeout is ten times the plugin call timeout. A track whose
 * analysis fails or times out is skipped and tried again after the next scan changes it or the version changes.
 * Calling conventions otherwise as in {@code dev.resonance.api.plugin}.
 */
@ConsumerType
public interface AudioAnalyzer {

    /** A short stable name of this analysis ({@code "essentia-moods"}): features are stored under it. */
    String name();

    /** The version of the analysis: a higher one makes the core analyse every track again. */
    int version();

    /** The features of {@code track}'s audio. */
    AudioFeatures analyze(TrackInfo track) throws Exception;
}
