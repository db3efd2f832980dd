package dev.resonance.api.metadata;

import dev.resonance.api.library.AlbumInfo;
import dev.resonance.api.library.ArtistInfo;
import java.util.Optional;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Information about artists and albums that the files do not carry, registered as an OSGi service by plugins (a
 * MusicBrainz, Last.fm or Wikipedia agent).
 *
 * <p><b>How the core calls it.</b> For an artist or album page the core asks the enabled providers in service-ranking
 * order (higher first) and merges their answers field by field: each field comes from the first provider that has
 * it, lists included (a provider with no biography but images still contributes its images). The answer is labelled
 * with the sources that contributed. Both methods have a default "nothing" so a provider implements only what it
 * knows. Calling conventions (threads, timeout, failure) are those of {@code dev.resonance.api.plugin}: a provider
 * that throws or runs past the plugin call timeout contributes nothing.
 */
@ConsumerType
public interface MetadataProvider {

    /** A short, stable label for where this information comes from ({@code "musicbrainz"}), shown to users. */
    String source();

    /** What this provider knows about {@code artist}; empty when nothing. */
    default Optional<ArtistMetadata> artist(ArtistInfo artist) throws Exception {
        return Optional.empty();
    }

    /** What this provider knows about {@code album}; empty when nothing. */
    default Optional<AlbumMetadata> album(AlbumInfo album) throws Exception {
        return Optional.empty();
    }
}
