/**
 * Contributing fields to the GraphQL API at {@code /graphql}: a plugin registers a
 * {@link dev.resonance.api.graphql.GraphQlContribution} as an OSGi service, and the fields it declares appear in the
 * schema while it is registered (e.g. {@code Track.lyrics} from the lyrics plugin) and disappear when it goes. No
 * GraphQL library leaks into this API: a contribution is schema text and plain Java values. See
 * {@code docs/graphql.md}.
 */
@Export
@Version("1.0.0")
package dev.resonance.api.graphql;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
