/**
 * Audio analysis and embeddings: the {@link dev.resonance.api.analysis.AudioAnalyzer} SPI (features and moods of a
 * track's audio) and the {@link dev.resonance.api.analysis.EmbeddingProvider} SPI (text to vectors). Calling
 * conventions: {@code dev.resonance.api.plugin}.
 */
@Export
@Version("1.0.0")
package dev.resonance.api.analysis;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
