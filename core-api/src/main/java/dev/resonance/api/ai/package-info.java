/**
 * Assistants: the {@link dev.resonance.api.ai.NaturalLanguageSearch} SPI (a sentence to a search) and the
 * {@link dev.resonance.api.ai.ChatAssistant} SPI (a conversation about the user's music). Calling conventions:
 * {@code dev.resonance.api.plugin}.
 */
@Export
@Version("1.0.0")
package dev.resonance.api.ai;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
