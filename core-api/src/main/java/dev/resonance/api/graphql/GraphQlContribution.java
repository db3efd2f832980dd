package dev.resonance.api.graphql;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Fields a plugin adds to the GraphQL schema, registered as an OSGi service. The core rebuilds its schema when one
 * comes or goes; requests in flight finish on the schema they started with.
 *
 * <p><b>What a contribution may declare</b> ({@link #schema()}, GraphQL SDL): new object types, enums and inputs whose
 * names start with its {@link #prefix()}, and {@code extend type} blocks adding fields to {@code Track},
 * {@code Album}, {@code Artist}, {@code Playlist} or {@code Query} — never to mutations or subscriptions, and never a
 * field that exists already. A contribution that breaks these rules, or whose schema does not build beside the
 * others, is refused and reported in {@code /health} ({@code graphql}); the rest of the schema keeps serving.
 *
 * <p><b>How fields are resolved.</b> Each field of an extended core type is resolved by {@link #resolve} with the id
 * of the object it belongs to; the fields of the contribution's own types are read from the returned values
 * (a {@code Map}'s keys, a record's components or a bean's getters). A field added to a core type is seen by whoever
 * may see that object (the caller can see the track whose {@code lyrics} are asked). {@link #resolve} runs on a
 * thread of the core's plugin pool with a time limit: a failure or a timeout makes that one field {@code null} with
 * a GraphQL error beside it; the rest of the answer is unaffected. Calling conventions: {@code dev.resonance.api.plugin}.
 */
@ConsumerType
public interface GraphQlContribution {

    /** The prefix of every type this contribution declares, e.g. {@code Lyrics}; at least two characters. */
    String prefix();

    /** The SDL of the contribution's types and {@code extend type} blocks. */
    String schema();

    /** The value of {@code request.type().request.field()}: plain values, lists, maps, records or beans; may be null. */
    Object resolve(FieldRequest request) throws Exception;
}
