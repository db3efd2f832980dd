package dev.resonance.impl.graphql;

/**
 * A core feature's share of the GraphQL schema, registered by its component as an OSGi service (like its REST
 * resources): its SDL ({@code extend type Query}, its own types, fields it adds to other features' types) and the
 * fetchers behind it. The fetchers call the same services as the feature's REST resources, and every root field
 * takes its access rule from the REST operation it mirrors ({@link GraphWiring#rest}): one model, two faces.
 */
public interface GraphPart {

    /** The part's name, e.g. {@code core.library}; the schema is served once every core part is there. */
    String name();

    /** The part's SDL. */
    String schema();

    /** Registers the part's fetchers and batch loaders. */
    void wire(GraphWiring wiring);

    /** Reads a classpath resource of {@code owner} (a part's {@code .graphqls} file) as UTF-8. */
    static String resource(Class<?> owner, String name) {
        try (var in = owner.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("No resource " + name + " beside " + owner.getName());
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
