package dev.resonance.api.graphql;

import dev.resonance.api.auth.Caller;
import java.util.Map;
import java.util.OptionalLong;
import org.osgi.annotation.versioning.ProviderType;

/** One field of a {@link GraphQlContribution} to resolve. */
@ProviderType
public interface FieldRequest {

    /** The type the field was added to: {@code Track}, {@code Album}, {@code Artist}, {@code Playlist} or {@code Query}. */
    String type();

    /** The field's name. */
    String field();

    /** The catalog id of the object the field belongs to (the track's id for {@code Track.lyrics}); empty on {@code Query}. */
    OptionalLong id();

    /** The field's arguments, as GraphQL coerced them (strings, numbers, booleans, lists, maps). */
    Map<String, Object> arguments();

    /** Who is asking: a signed-in user who may see the object. */
    Caller caller();
}
