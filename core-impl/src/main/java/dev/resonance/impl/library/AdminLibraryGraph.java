package dev.resonance.impl.library;

import dev.resonance.impl.graphql.GraphCall;
import dev.resonance.impl.graphql.GraphPart;
import dev.resonance.impl.graphql.GraphValues;
import dev.resonance.impl.graphql.GraphWiring;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The library's administration in GraphQL ({@code core.library.admin}): libraries, who may see which, and starting
 * scans, as {@link AdminLibraryResource} does them, through the same {@link LibraryService} calls. A scan's progress
 * and problems are read with {@code scan} ({@code core.library}) or the status {@code startScan} answers.
 */
public final class AdminLibraryGraph implements GraphPart {

    private final LibraryService library;

    public AdminLibraryGraph(LibraryService library) {
        this.library = library;
    }

    @Override
    public String name() {
        return "core.library.admin";
    }

    @Override
    public String schema() {
        return GraphPart.resource(AdminLibraryGraph.class, "library-admin.graphqls");
    }

    @Override
    public void wire(GraphWiring w) {
        w.query("libraries", GraphWiring.rest(AdminLibraryResource.class, "libraries"), c -> GraphValues.maps(library.libraries()));
        w.mutation("createLibrary", GraphWiring.rest(AdminLibraryResource.class, "createLibrary"), c -> {
            AdminLibraryResource.LibraryRequest r = body(c, "id", AdminLibraryResource.LibraryRequest.class);
            return GraphValues.map(library.createLibrary(r.name(), r.path()));
        });
        w.mutation("updateLibrary", GraphWiring.rest(AdminLibraryResource.class, "updateLibrary"), c -> {
            AdminLibraryResource.LibraryRequest r = body(c, "id", AdminLibraryResource.LibraryRequest.class);
            return GraphValues.map(library.updateLibrary(c.id("id"), r.name(), r.path()));
        });
        w.mutation("deleteLibrary", GraphWiring.rest(AdminLibraryResource.class, "deleteLibrary"), c -> {
            library.deleteLibrary(c.id("id"));
            return true;
        });
        w.query("libraryAccess", GraphWiring.rest(AdminLibraryResource.class, "access"), c -> GraphValues.map(
                library.access(c.id("userId"))));
        w.mutation("setLibraryAccess", GraphWiring.rest(AdminLibraryResource.class, "setAccess"), c -> GraphValues.map(
                library.setAccess(c.id("userId"), c.ids("libraryIds"))));
        w.mutation("startScan", GraphWiring.rest(AdminLibraryResource.class, "scan"), c -> GraphValues.map(
                library.startScan(LibraryService.fullScan(c.<String>optional("kind").map(k -> k.toLowerCase(Locale.ROOT))),
                        c.optionalId("libraryId"))));
    }

    /** The arguments but the path's {@code pathArgument}, bound as REST binds its body: the same text rules and binding. */
    private static <T> T body(GraphCall c, String pathArgument, Class<T> request) {
        Map<String, Object> body = new LinkedHashMap<>(c.arguments());
        body.remove(pathArgument);
        return GraphValues.input(body, request);
    }
}
