package dev.resonance.impl.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.resonance.impl.auth.ApiHarness;
import dev.resonance.impl.auth.AuthorizationMatrixTest;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLInputType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The authorization matrix of the GraphQL face: every root field names the REST operation it mirrors (the table below),
 * takes that operation's access rule (checked against {@code AuthorizationMatrixTest}'s table of REST endpoints), and
 * is enforced: each field asked by a regular user, an admin and a regular user with one extra grant answers a
 * {@code forbidden} error exactly when REST would answer 403. (Anonymous callers never reach {@code /graphql}: the site
 * refuses them with 401 before the schema, see the distribution tests.)
 */
class GraphQlAuthorizationMatrixTest {

    /** The sync socket's playback messages have no REST operation: any signed-in caller, as on the socket. */
    private static final String SOCKET = "socket";

    /** Root field → the REST operation it mirrors ("METHOD path" as in AuthorizationMatrixTest), or SOCKET. */
    static final Map<String, String> MIRRORS = new LinkedHashMap<>();

    static {
        MIRRORS.put("Query.artists", "GET v1/content/artists");
        MIRRORS.put("Query.artist", "GET v1/content/artists/{id}");
        MIRRORS.put("Query.albums", "GET v1/content/albums");
        MIRRORS.put("Query.album", "GET v1/content/albums/{id}");
        MIRRORS.put("Query.tracks", "GET v1/content/tracks");
        MIRRORS.put("Query.track", "GET v1/content/tracks/{id}");
        MIRRORS.put("Query.genres", "GET v1/content/genres");
        MIRRORS.put("Query.scan", "GET v1/library/scan");
        MIRRORS.put("Query.search", "GET v1/content/search");
        MIRRORS.put("Query.syncState", "GET v1/sync/state");
        MIRRORS.put("Query.settings", "GET v1/user/settings");
        MIRRORS.put("Query.liked", "GET v1/user/liked/{type}");
        MIRRORS.put("Query.rated", "GET v1/user/ratings/{type}");
        MIRRORS.put("Query.history", "GET v1/user/history");
        MIRRORS.put("Query.recentTracks", "GET v1/user/history/tracks");
        MIRRORS.put("Query.top", "GET v1/user/stats/top");
        MIRRORS.put("Query.listeningSummary", "GET v1/user/stats/summary");
        MIRRORS.put("Query.serverStats", "GET v1/admin/stats");
        MIRRORS.put("Mutation.like", "PUT v1/user/liked/{type}/{id}");
        MIRRORS.put("Mutation.unlike", "DELETE v1/user/liked/{type}/{id}");
        MIRRORS.put("Mutation.rate", "PUT v1/user/ratings/{type}/{id}");
        MIRRORS.put("Mutation.unrate", "DELETE v1/user/ratings/{type}/{id}");
        MIRRORS.put("Mutation.updateSettings", "PUT v1/user/settings");
        MIRRORS.put("Mutation.reportPlay", "POST v1/user/plays");
        MIRRORS.put("Mutation.announceDevice", SOCKET);
        MIRRORS.put("Mutation.reportPlayback", SOCKET);
        MIRRORS.put("Mutation.playbackCommand", SOCKET);
        MIRRORS.put("Mutation.transferPlayback", SOCKET);
        MIRRORS.put("Subscription.events", SOCKET);
        MIRRORS.put("Subscription.playback", SOCKET);
        MIRRORS.put("Subscription.devices", SOCKET);
        MIRRORS.put("Subscription.scan", "GET v1/library/scan");
        MIRRORS.put("Query.playlists", "GET v1/user/playlists");
        MIRRORS.put("Query.playlist", "GET v1/user/playlists/{id}");
        MIRRORS.put("Query.playlistEntries", "GET v1/user/playlists/{id}/entries");
        MIRRORS.put("Query.playlistCollaborators", "GET v1/user/playlists/{id}/collaborators");
        MIRRORS.put("Query.playlistInvites", "GET v1/user/playlists/{id}/invites");
        MIRRORS.put("Mutation.createPlaylist", "POST v1/user/playlists");
        MIRRORS.put("Mutation.updatePlaylist", "PATCH v1/user/playlists/{id}");
        MIRRORS.put("Mutation.deletePlaylist", "DELETE v1/user/playlists/{id}");
        MIRRORS.put("Mutation.deletePlaylistCover", "DELETE v1/user/playlists/{id}/cover");
        MIRRORS.put("Mutation.addPlaylistEntries", "POST v1/user/playlists/{id}/entries");
        MIRRORS.put("Mutation.movePlaylistEntries", "POST v1/user/playlists/{id}/entries/move");
        MIRRORS.put("Mutation.removePlaylistEntries", "POST v1/user/playlists/{id}/entries/remove");
        MIRRORS.put("Mutation.addPlaylistCollaborator", "POST v1/user/playlists/{id}/collaborators");
        MIRRORS.put("Mutation.removePlaylistCollaborator", "DELETE v1/user/playlists/{id}/collaborators/{userId}");
        MIRRORS.put("Mutation.createPlaylistInvite", "POST v1/user/playlists/{id}/invites");
        MIRRORS.put("Mutation.revokePlaylistInvite", "DELETE v1/user/playlists/{id}/invites/{inviteId}");
        MIRRORS.put("Mutation.joinPlaylist", "POST v1/user/playlists/join");
        MIRRORS.put("Query.session", "GET v1/auth/session");
        MIRRORS.put("Query.devices", "GET v1/user/devices");
        MIRRORS.put("Mutation.forgetDevice", "DELETE v1/user/devices/{id}");
        MIRRORS.put("Mutation.changePassword", "PUT v1/user/password");
        MIRRORS.put("Query.users", "GET v1/admin/users");
        MIRRORS.put("Query.user", "GET v1/admin/users/{id}");
        MIRRORS.put("Mutation.createUser", "POST v1/admin/users");
        MIRRORS.put("Mutation.updateUser", "PATCH v1/admin/users/{id}");
        MIRRORS.put("Mutation.deleteUser", "DELETE v1/admin/users/{id}");
        MIRRORS.put("Mutation.grantPermission", "POST v1/admin/users/{id}/permissions/{permission}");
        MIRRORS.put("Mutation.revokePermission", "DELETE v1/admin/users/{id}/permissions/{permission}");
        MIRRORS.put("Mutation.setPassword", "POST v1/admin/users/{id}/password");
        MIRRORS.put("Query.serverSettings", "GET v1/admin/settings");
        MIRRORS.put("Mutation.updateServerSettings", "PUT v1/admin/settings");
        MIRRORS.put("Query.libraries", "GET v1/admin/library/libraries");
        MIRRORS.put("Query.libraryAccess", "GET v1/admin/library/access/{userId}");
        MIRRORS.put("Mutation.createLibrary", "POST v1/admin/library/libraries");
        MIRRORS.put("Mutation.updateLibrary", "PATCH v1/admin/library/libraries/{id}");
        MIRRORS.put("Mutation.deleteLibrary", "DELETE v1/admin/library/libraries/{id}");
        MIRRORS.put("Mutation.setLibraryAccess", "PUT v1/admin/library/access/{userId}");
        MIRRORS.put("Mutation.startScan", "POST v1/admin/library/scan");
    }

    private static ApiHarness api;
    private static final Map<String, String> tokens = new TreeMap<>();

    @BeforeAll
    static void start() {
        api = new ApiHarness();
        api.createUser("admin", "admin-password", "admin");
        api.createUser("regular", "regular-password", "regular");
        long granted = api.createUser("granted", "granted-password", "regular");
        api.auth.grant(granted, AuthorizationMatrixTest.GRANTED, java.util.Optional.empty(), java.util.Optional.empty());
        for (String who : List.of("admin", "regular", "granted")) {
            tokens.put(who, api.accessToken(who, who + "-password", "matrix"));
        }
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void everyRootFieldMirrorsARestOperationWithItsAccessRule() {
        Map<String, String> served = api.graphSchema().roots().stream()
                .collect(Collectors.toMap(r -> r.type() + "." + r.field(), r -> AuthorizationMatrixTest.declared(r.access()), (a, b) -> a, TreeMap::new));
        assertThat(served.keySet()).as("root fields served vs the table").isEqualTo(new TreeMap<>(MIRRORS).keySet());
        for (var entry : served.entrySet()) {
            String mirror = MIRRORS.get(entry.getKey());
            String expected = SOCKET.equals(mirror) ? "signed-in" : AuthorizationMatrixTest.declaredFor(mirror);
            assertThat(expected).as(entry.getKey() + " mirrors " + mirror + ", which the REST table must declare").isNotNull();
            assertThat(entry.getValue()).as(entry.getKey() + " (mirrors " + mirror + ")").isEqualTo(expected);
        }
    }

    record Case(String field, String caller) {
        @Override
        public String toString() {
            return field + " as " + caller;
        }
    }

    static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        for (String field : MIRRORS.keySet()) {
            for (String caller : List.of("regular", "admin", "granted")) {
                cases.add(new Case(field, caller));
            }
        }
        return cases;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void accessIsEnforcedAsRestEnforcesIt(Case c) {
        String type = c.field().substring(0, c.field().indexOf('.'));
        String name = c.field().substring(c.field().indexOf('.') + 1);
        GraphQLSchema schema = schema();
        GraphQLObjectType root = (GraphQLObjectType) schema.getType(type);
        GraphQLFieldDefinition field = root.getFieldDefinition(name);
        String operation = type.equals("Query") ? "query" : type.equals("Mutation") ? "mutation" : "subscription";
        String query = operation + " { " + name + arguments(field) + selection(field.getType()) + " }";
        graphql.ExecutionResult result = api.execute(tokens.get(c.caller()), query, Map.of());
        JsonNode answer = ApiHarness.JSON.valueToTree(result.getErrors().isEmpty() || !type.equals("Subscription")
                ? Map.of("errors", result.getErrors().stream().map(graphql.GraphQLError::toSpecification).toList()) : Map.of());
        Set<Integer> statuses = new java.util.HashSet<>();
        answer.path("errors").forEach(e -> statuses.add(e.at("/extensions/status").asInt()));
        String access = AuthorizationMatrixTest.declared(api.graphSchema().roots().stream().filter(r -> (r.type() + "." + r.field()).equals(c.field()))
                .findFirst().orElseThrow().access());
        boolean allowed = AuthorizationMatrixTest.allowed(access, c.caller());
        if (allowed) {
            assertThat(statuses).as(query + " → " + answer).doesNotContain(401, 403, 500);
        } else {
            assertThat(statuses).as(query + " → " + answer).containsExactly(403);
        }
        if (result.getData() instanceof org.reactivestreams.Publisher<?> publisher) {
            publisher.subscribe(new org.reactivestreams.Subscriber<Object>() { // started and stopped: nothing held
                @Override
                public void onSubscribe(org.reactivestreams.Subscription s) {
                    s.cancel();
                }

                @Override
                public void onNext(Object o) {
                }

                @Override
                public void onError(Throwable t) {
                }

                @Override
                public void onComplete() {
                }
            });
        }
    }

    private static GraphQLSchema schema() {
        return api.graphSchema().schema();
    }

    /** Required arguments with harmless values (an id nobody has); optional ones left out. */
    private static String arguments(GraphQLFieldDefinition field) {
        List<String> args = new ArrayList<>();
        for (GraphQLArgument argument : field.getArguments()) {
            if (argument.getType() instanceof GraphQLNonNull nonNull) {
                args.add(argument.getName() + ": " + value((GraphQLInputType) nonNull.getWrappedType()));
            }
        }
        return args.isEmpty() ? "" : "(" + String.join(", ", args) + ")";
    }

    private static String value(GraphQLInputType type) {
        GraphQLType unwrapped = GraphQLTypeUtil.unwrapNonNull(type);
        if (unwrapped instanceof GraphQLList list) {
            return "[" + value((GraphQLInputType) list.getWrappedType()) + "]";
        } else if (unwrapped instanceof GraphQLEnumType e) {
            return e.getValues().get(0).getName();
        } else if (unwrapped instanceof GraphQLScalarType s) {
            return switch (s.getName()) {
                case "ID" -> "\"999999\"";
                case "Int", "Long" -> "1";
                case "Float" -> "1.0";
                case "Boolean" -> "false";
                case "JSON" -> "{}";
                default -> "\"matrix\"";
            };
        }
        throw new IllegalStateException("no value for " + type);
    }

    private static String selection(graphql.schema.GraphQLOutputType type) {
        return GraphQLTypeUtil.unwrapAll(type) instanceof GraphQLObjectType ? " { __typename }" : "";
    }
}
