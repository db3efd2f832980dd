package dev.resonance.impl.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.resonance.impl.auth.ApiHarness;
import dev.resonance.impl.auth.AuthRequests;
import dev.resonance.impl.library.scan.PropertiesTagReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A fuzz campaign generated from the served OpenAPI document: every operation, as an anonymous, a regular and an
 * admin caller, gets malformed and hostile requests (wrong types, huge and negative numbers, unicode digits, control
 * characters, overlong strings, deep/truncated/duplicate-key JSON, wrong content types, traversal segments, odd
 * percent-encodings, stray Origin/cookie/forwarding headers) against the whole API in memory over the real
 * PostgreSQL. Every answer must be below 500 (a deliberate 503 aside), every error the one JSON shape, no body may
 * carry a stack trace, a database detail, the signing key or a password hash, and the server must work afterwards.
 * Deterministic: the seed (printed; {@code -Dfuzz.seed=} replays one) decides every request.
 */
class ApiFuzzTest {

    static final long SEED = Long.getLong("fuzz.seed", 20261203L);
    static final int REQUESTS = Integer.getInteger("fuzz.requests", 10_800);

    private static final String FUZZ_CLIENT = "203.0.113.7";
    private static final String HEAL_CLIENT = "198.51.100.9";
    private static final List<String> CALLERS = List.of("anonymous", "regular", "admin");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static ApiHarness api;
    private static JsonNode document;
    private static final Map<String, Long> userIds = new LinkedHashMap<>();
    private static final Map<String, String> tokens = new LinkedHashMap<>();
    private static final List<Long> knownIds = new ArrayList<>();
    private static List<String> secrets;
    private static int relogins;

    @BeforeAll
    static void start() throws Exception {
        api = new ApiHarness();
        for (int i = 0; i < 20; i++) {
            knownIds.add(api.createUser("victim-" + i, "victim-password", i % 5 == 0 ? "admin" : "regular"));
        }
        userIds.put("admin", api.createUser("fuzz-admin", "admin-password", "admin"));
        userIds.put("regular", api.createUser("fuzz-regular", "regular-password", "regular"));
        userIds.put("canary", api.createUser("canary", "canary-password", "regular"));
        for (int i = 0; i < 3; i++) {
            PropertiesTagReader.write(api.musicRoot.resolve("Artist " + i + "/Album/" + i + ".mp3"),
                    "title", "Song " + i, "artist", "Artist " + i, "album", "Album " + i, "genre", "Genre " + i);
        }
        api.scanMusic();
        for (String caller : List.of("admin", "regular")) {
            heal(caller);
        }
        for (String list : List.of("v1/content/tracks", "v1/content/albums", "v1/content/artists", "v1/content/genres")) {
            JsonNode page = api.get(list, tokens.get("admin")).json();
            for (JsonNode item : page.isArray() ? page : page.path("items")) {
                knownIds.add(item.path("id").asLong());
            }
        }
        knownIds.add(api.get("v1/auth/session", tokens.get("regular")).json().path("deviceId").asLong());
        // the scan reads on two threads, so which id a track gets varies: the campaign sees the ids in order
        List<Long> sorted = knownIds.stream().distinct().sorted().toList();
        knownIds.clear();
        knownIds.addAll(sorted);
        byte[] key = dev.resonance.impl.db.ServerSecrets.stored(api.db, "jwt_secret", 64);
        secrets = List.of("Exception", "at dev.", "at org.", "at java.", "org.postgresql", "SQLState", "PSQLException",
                "$argon2", Base64.getEncoder().encodeToString(key), Base64.getUrlEncoder().withoutPadding().encodeToString(key),
                HexFormat.of().formatHex(key), new String(key, StandardCharsets.ISO_8859_1));
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    /** Signs {@code caller} in again (a fuzzed logout, device removal or password change ended its session). */
    private static void heal(String caller) {
        String username = "fuzz-" + caller;
        String password = caller + "-password";
        api.auth.setPassword(userIds.get(caller), password, Optional.empty());
        tokens.put(caller, api.auth.login(new AuthRequests.Login(username, password, "fuzz-" + caller + "-" + relogins++,
                "Fuzz", "web", Optional.empty()), HEAL_CLIENT).accessToken());
    }

    /** One operation of the document. */
    record Operation(String method, String path, JsonNode spec) {
        String key() {
            return method + " " + path;
        }

        Optional<JsonNode> bodySchema() {
            JsonNode content = spec.at("/requestBody/content");
            return content.isMissingNode() ? Optional.empty() : Optional.of(content.elements().next().path("schema"));
        }
    }

    @Test
    void theServedDocumentIsTheCommittedOne() throws Exception {
        ApiHarness.Answer served = api.get("openapi.json", null);
        assertThat(served.status()).isEqualTo(200);
        assertThat(served.header("Content-Type")).startsWith("application/json");
        assertThat(served.body()).isEqualTo(Files.readString(OpenApiDocumentTest.COMMITTED));
    }

    /** What the campaign found, fixed at the cause; kept here so it stays fixed. */
    @Test
    void findingsStayFixed() {
        heal("admin");
        heal("regular");
        // an Accept or Content-Type Jersey cannot parse was a bare 400 from Jersey's runtime, past every mapper:
        // ErrorEntities gives every body-less error the JSON shape
        for (ApiHarness.Answer answer : List.of(
                api.call("GET", "v1/server", null, null, null, Map.of("Accept", "a/b/c")),
                api.call("GET", "v1/content/tracks", tokens.get("regular"), null, null, Map.of("Accept", "text/html;q=x")),
                api.call("POST", "v1/auth/login", null, "json", "{}"),
                api.call("PUT", "v1/user/settings", tokens.get("regular"), "application/", "{}"),
                api.call("DELETE", "v1/server", null, null, null))) {
            assertThat(answer.status()).as(answer.toString()).isBetween(400, 499);
            assertThat(problem("GET", answer)).as(answer.toString()).isNull();
        }
        // a body field of the wrong type was described in Jackson's words: Java class names and exception types
        long victim = api.createUser("regression-victim", "victim-password", "regular");
        ApiHarness.Answer date = api.call("POST", "v1/admin/users/" + victim + "/permissions/ViewAnalytics", tokens.get("admin"),
                "application/json", "{\"expiresAt\":\"album\"}");
        ApiHarness.Answer number = api.call("PUT", "v1/admin/settings", tokens.get("admin"), "application/json",
                "{\"registrationOpen\":[1]}");
        for (ApiHarness.Answer answer : List.of(date, number)) {
            assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
            assertThat(answer.errorCode()).isEqualTo("invalid_json");
            assertThat(answer.json().at("/error/message").asText()).as(answer.toString())
                    .doesNotContain("java.").doesNotContain("Exception").doesNotContain("`");
        }
        assertThat(date.json().at("/error/message").asText()).contains("'expiresAt'").contains("ISO-8601");
        assertThat(number.json().at("/error/message").asText()).contains("'registrationOpen'").contains("true or false");
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS) // a hang guard, not a timing assertion: the campaign takes ~20 s
    void hostileRequestsToEveryOperationNeverBreakTheServer() throws Exception {
        document = api.get("openapi.json", null).json();
        List<Operation> operations = new ArrayList<>();
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op ->
                operations.add(new Operation(op.getKey().toUpperCase(java.util.Locale.ROOT), path.getKey(), op.getValue()))));
        assertThat(operations).hasSizeGreaterThan(40);

        Random random = new Random(SEED);
        System.out.println("fuzz: seed " + SEED + " (replay with -Dfuzz.seed=" + SEED + "), " + REQUESTS + " requests over "
                + operations.size() + " operations");
        Map<String, Map<Integer, Integer>> perOperation = new TreeMap<>();
        Map<String, Integer> perCaller = new TreeMap<>();
        Map<Integer, Integer> perStatus = new TreeMap<>();
        Map<String, String> findings = new LinkedHashMap<>();
        for (int i = 0; i < REQUESTS; i++) {
            Operation op = operations.get(i % operations.size());
            String caller = CALLERS.get(i / operations.size() % CALLERS.size()); // each operation as every caller in turn
            long generating = System.nanoTime();
            Request request = new Fuzzer(random).request(op);
            generateNanos += System.nanoTime() - generating;
            String token = caller.equals("anonymous") ? null : tokens.get(caller);
            Map<String, String> headers = new LinkedHashMap<>(request.headers());
            headers.put("X-Test-Client", FUZZ_CLIENT);
            ApiHarness.Answer answer;
            long started = System.nanoTime();
            try {
                answer = api.call(request.method(), request.path(), token, request.contentType(), request.body(), headers);
            } catch (AssertionError e) {
                findings.putIfAbsent(op.key() + " threw " + e.getCause(), request.describe());
                continue;
            }
            callNanos += System.nanoTime() - started;
            perOperation.computeIfAbsent(op.key(), k -> new TreeMap<>()).merge(answer.status(), 1, Integer::sum);
            perCaller.merge(caller, 1, Integer::sum);
            perStatus.merge(answer.status(), 1, Integer::sum);
            fingerprint = fingerprint * 31 + answer.status();
            String problem = problem(request.method(), answer);
            if (problem != null) {
                findings.putIfAbsent(op.key() + ": " + problem, request.describe() + " as " + caller + " → " + answer.status() + " "
                        + answer.body().substring(0, Math.min(300, answer.body().length())));
            }
            // a fuzzed sign-out, device removal or password change may end the caller's own session: sign in again
            if (token != null && (answer.status() == 401 || mayEndSessions(request) && api.auth.authenticate(token).isEmpty())) {
                long healing = System.nanoTime();
                heal(caller);
                healNanos += System.nanoTime() - healing;
            }
        }

        perOperation.forEach((op, statuses) -> System.out.println("fuzz:   " + op + " " + statuses));
        System.out.println("fuzz: per caller " + perCaller + ", per status " + perStatus + ", re-logins " + relogins
                + "; ms in the API " + callNanos / 1_000_000 + ", generating " + generateNanos / 1_000_000 + ", re-signing in "
                + healNanos / 1_000_000);
        findings.forEach((finding, example) -> System.out.println("fuzz: FINDING " + finding + "\n        e.g. " + example));
        System.out.println("fuzz: statuses in order hash to " + Long.toHexString(fingerprint) + " (the same seed gives the same hash)");
        System.out.println("fuzz: " + REQUESTS + " requests, seed " + SEED + ", " + operations.size() + " operations, findings "
                + findings.size());

        assertThat(perOperation.keySet()).as("every operation was fuzzed").hasSize(operations.size());
        assertThat(findings).as("findings (see the fuzz: FINDING lines)").isEmpty();
        // still healthy: a normal sign-in and a read work, from an address the campaign never used
        ApiHarness.Answer login = api.call("POST", "v1/auth/login", null, "application/json", ApiHarness.json(Map.of(
                "username", "canary", "password", "canary-password", "deviceId", "after-fuzz", "deviceName", "Canary",
                "deviceType", "web")), Map.of("X-Test-Client", "192.0.2.50"));
        assertThat(login.status()).as(login.toString()).isEqualTo(200);
        ApiHarness.Answer tracks = api.get("v1/content/tracks", login.json().path("accessToken").asText());
        assertThat(tracks.status()).as(tracks.toString()).isEqualTo(200);
        assertThat(tracks.json().path("items").size()).isEqualTo(3);
    }

    private static long callNanos;
    private static long fingerprint = 17;
    private static long generateNanos;
    private static long healNanos;

    private static boolean mayEndSessions(Request request) {
        return !request.method().equals("GET") && !request.method().equals("HEAD") && (request.path().contains("logout")
                || request.path().contains("devices") || request.path().contains("password"));
    }

    /** What is wrong with an answer, or null. */
    static String problem(String method, ApiHarness.Answer answer) {
        String body = answer.body();
        for (String secret : secrets) {
            if (body.contains(secret)) {
                return "the body holds '" + (secret.length() > 20 ? "the JWT key" : secret) + "'";
            }
        }
        if (answer.status() >= 500 && answer.status() != 503) {
            return "status " + answer.status();
        }
        if (answer.status() >= 400 && !method.equals("HEAD")) { // HEAD answers carry no body
            String type = answer.header("Content-Type");
            if (type == null || !type.startsWith("application/json")) {
                return answer.status() + " with Content-Type " + type;
            }
            JsonNode json;
            try {
                json = ApiHarness.JSON.readTree(body);
            } catch (Exception e) {
                return answer.status() + " with a body that is not JSON";
            }
            if (json == null || !json.path("error").path("code").isTextual() || json.path("error").path("code").asText().isEmpty()
                    || !json.path("error").path("message").isTextual() || json.size() != 1) {
                return answer.status() + " without the error shape";
            }
            if (answer.status() == 503 && !json.path("error").path("code").asText().equals("unavailable")
                    && !json.path("error").path("code").asText().equals("transcode_limit")) {
                return "503 " + json.path("error").path("code").asText();
            }
        }
        return null;
    }

    /** A generated request: what the harness sends. */
    record Request(String method, String path, String contentType, String body, Map<String, String> headers, String mutation) {
        String describe() {
            String shown = body == null ? "" : " body " + (body.length() > 120 ? body.substring(0, 120) + "…(" + body.length() + ")" : body);
            return "[" + mutation + "] " + method + " " + (path.length() > 160 ? path.substring(0, 160) + "…" : path)
                    + (contentType == null ? "" : " (" + contentType + ")") + shown + (headers.isEmpty() ? "" : " headers " + headers.keySet());
        }
    }

    /** Makes one hostile request for an operation; every choice comes from the campaign's one {@link Random}. */
    static final class Fuzzer {
        static final List<String> HOSTILE_TEXT = List.of("", " ", "null", "true", "-1", "0", "1e3", "0x10", "+1", " 1", "1 ",
                "NaN", "Infinity", "9223372036854775807", "9223372036854775808", "-9223372036854775809",
                "99999999999999999999999999", "2147483648", "١٢٣", "１２３", "𝟙𝟚", "٣", "১", "..", "../..", "../../etc/passwd",
                "\u0000", "a\u0000b", "\u0001\u0002\u001f", "\r\n", "\t", "\u007f", "\u2028", "\uFEFF", "\uD800", "é",
                "' OR 1=1 --", "\"; DROP TABLE users; --", "<script>alert(1)</script>", "${jndi:ldap://x/a}", "%s%s%n",
                "{{7*7}}", "\\", "/", "%", "?", "#", ";", "track;admin", "*", "x".repeat(1001), "y".repeat(5000),
                "z".repeat(70_000), "ViewAnalytics", "MANAGE_PERMISSIONS", "managepermissions", "track", "album", "artist",
                "TRACK", "playlist", "opus", "mp3", "original", "wifi", "cellular", "title", "recent", "newest", "year",
                "quick", "full", "admin", "regular", "root", "2026-01-02T10:00:00Z", "0000-01-01T00:00:00Z",
                "+999999-01-01T00:00:00Z", "2026-13-45T99:99:99Z", "1969-12-31T23:59:59Z", "dark");
        /** Already percent-encoded attacks on path and query (the URI must parse; Jetty answers worse ones itself). */
        static final List<String> RAW_ENCODED = List.of("%2e%2e", "%2e%2e%2f%2e%2e%2fhealth", "..%2F..%2Fetc%2Fpasswd",
                "%00", "1%00", "%0a", "%0d%0a", "%C0%AF", "%C0%AE%C0%AE", "%FF", "%FF%FE", "%E0%80%80", "%ED%A0%80", "%25",
                "%252e", "%D9%A1", "%EF%BC%91", "1%2F2", "%20", "..", ".", "../..", "1/..", "1/../..", "1;jsessionid=x",
                "1%3Bx", "%7B%7D", "1e3", "-0", "00000000000000000000001");
        static final List<Object> HOSTILE_NUMBERS = List.of(0, -1, 1, 2, 7, 42, 500, 501, Integer.MAX_VALUE, Integer.MIN_VALUE,
                Long.MAX_VALUE, Long.MIN_VALUE, new java.math.BigInteger("99999999999999999999999999999"),
                new java.math.BigDecimal("1e400"), new java.math.BigDecimal("-1e400"), 1.5, -0.0, 1e-300);
        static final List<String> CONTENT_TYPES = List.of("text/plain", "application/xml", "text/html",
                "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/json; charset=utf-16",
                "application/json; charset=bogus", "application/problem+json", "application/vnd.x+json", "json", "application/",
                "application/json;;;", "*/*", "application/*", "application/octet-stream", "a/b/c", "\u0000/json", "");
        static final List<String> HEADER_NAMES = List.of("Origin", "Cookie", "X-Forwarded-For", "X-Forwarded-Proto",
                "X-Forwarded-Host", "Forwarded", "Referer", "X-Resonance-CSRF", "X-Resonance-Client", "Save-Data", "Range",
                "If-None-Match", "If-Range", "Accept", "Accept-Language", "Accept-Encoding", "Authorization", "Content-Encoding",
                "X-HTTP-Method-Override", "Host", "User-Agent", "X-Real-IP");
        static final List<String> HEADER_VALUES = List.of("https://evil.example", "null", "https://app.example.org",
                "http://localhost", "resonance_access=garbage", "resonance_refresh=garbage; resonance_access=x",
                "resonance_access=" + "a".repeat(5000), "=;=;;", "1.2.3.4", "999.999.999.999, ::1", "unknown, 127.0.0.1",
                "for=\"[::1]\";proto=https;host=evil", "for=;;;", "https", "ftp", "evil.example:99999", "1", "0", "on",
                "{\"codecs\":[\"opus\"],\"maxBitrate\":320}", "{\"codecs\":\"x\"}", "{\"maxBitrate\":-1}", "[]", "{", "bytes=0-",
                "bytes=-1", "bytes=99999999999999999999-", "bytes=5-1", "\"etag\"", "*", "W/\"x\"", "text/html", "*/*",
                "application/xml", "a/b/c", "gzip", "deflate", "Bearer ", "Bearer garbage.garbage.garbage", "Basic YTpi",
                "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0.", "DELETE", "x\u0001y", "\t", "é", "x".repeat(9000));
        static final List<String> QUERY_NAMES = List.of("limit", "after", "genre", "year", "artist", "sort", "since", "size",
                "format", "bitrate", "offset", "client", "network", "access_token", "uid", "sid", "exp", "sig", "", "a[b]",
                "__proto__", "%00");
        static final List<String> WRONG_METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE", "PROPFIND");

        private final Random random;
        private final List<String> mutations = new ArrayList<>();

        Fuzzer(Random random) {
            this.random = random;
        }

        private boolean chance(double p) {
            return random.nextDouble() < p;
        }

        private <T> T pick(List<T> from) {
            return from.get(random.nextInt(from.size()));
        }

        Request request(Operation op) {
            String method = op.method();
            if (chance(0.03)) {
                method = pick(WRONG_METHODS);
                mutations.add("method " + method);
            }
            StringBuilder path = new StringBuilder();
            String[] segments = op.path().substring(1).split("/");
            for (int s = 0; s < segments.length; s++) {
                String segment = segments[s];
                if (s > 0) {
                    path.append('/');
                }
                if (segment.startsWith("{")) {
                    String name = segment.substring(1, segment.length() - 1);
                    path.append(pathValue(op, name));
                } else {
                    path.append(chance(0.01) ? segment.toUpperCase(java.util.Locale.ROOT) : segment);
                }
            }
            if (chance(0.03)) {
                path.append(pick(List.of("/", "/..", "/%2e%2e", "/extra", "//", "/.", ";x=1", "/%00")));
                mutations.add("path suffix");
            }
            String query = query(op);
            Map<String, String> headers = headers(op);
            String contentType = null;
            String body = null;
            Optional<JsonNode> schema = op.bodySchema();
            if (schema.isPresent() || chance(0.1)) {
                contentType = chance(0.85) ? "application/json" : pick(CONTENT_TYPES);
                if (!"application/json".equals(contentType)) {
                    mutations.add("content type " + contentType);
                }
                body = body(schema.map(this::resolve).orElse(NODES.objectNode()));
            }
            return new Request(method, path + query, contentType, body, headers, String.join(", ", mutations));
        }

        private String pathValue(Operation op, String name) {
            JsonNode parameter = parameter(op, name, "path");
            if (chance(0.25)) {
                return validValue(name, parameter.path("schema"));
            }
            if (chance(0.4)) {
                String raw = pick(RAW_ENCODED);
                mutations.add(name + " raw " + raw);
                return raw;
            }
            String text = hostileText(name);
            return encode(text);
        }

        private String hostileText(String what) {
            if (chance(0.25)) {
                Object number = pick(HOSTILE_NUMBERS);
                mutations.add(what + "=" + number);
                return number.toString();
            }
            String text = pick(HOSTILE_TEXT);
            mutations.add(what + "=" + abbreviate(text));
            return text;
        }

        private static String abbreviate(String text) {
            StringBuilder printable = new StringBuilder();
            text.codePoints().limit(24).forEach(c -> printable.append(c < 0x20 || c == 0x7f ? String.format("\\u%04x", c)
                    : new String(Character.toChars(c))));
            return text.length() > 24 ? printable + "…(" + text.length() + ")" : printable.toString();
        }

        private static JsonNode parameter(Operation op, String name, String in) {
            for (JsonNode p : op.spec().path("parameters")) {
                if (p.path("name").asText().equals(name) && p.path("in").asText().equals(in)) {
                    return p;
                }
            }
            return NODES.objectNode();
        }

        private String validValue(String name, JsonNode schema) {
            if ("integer".equals(schema.path("type").asText())) {
                if (schema.has("maximum")) {
                    return String.valueOf(1 + random.nextInt(schema.path("maximum").asInt()));
                }
                return String.valueOf(pick(knownIds));
            }
            return switch (name) {
                case "type" -> pick(List.of("track", "album", "artist"));
                case "permission" -> pick(List.of("ViewAnalytics", "EditCatalog", "LikeContent"));
                case "sort" -> pick(List.of("title", "recent", "newest", "year"));
                case "after" -> pick(List.of("", "0", "1", "Song 1", "MQ", "eyJ0IjoiU29uZyAxIiwiaWQiOjF9"));
                default -> "x";
            };
        }

        private String query(Operation op) {
            List<String> pairs = new ArrayList<>();
            for (JsonNode p : op.spec().path("parameters")) {
                if (!p.path("in").asText().equals("query") || chance(0.4)) {
                    continue;
                }
                String name = p.path("name").asText();
                int times = chance(0.05) ? 2 : 1;
                for (int t = 0; t < times; t++) {
                    pairs.add(name + "=" + queryValue(name, p.path("schema")));
                }
            }
            if (chance(0.3)) {
                String name = pick(QUERY_NAMES);
                pairs.add(encode(name) + "=" + queryValue(name, NODES.objectNode()));
                mutations.add("extra query " + name);
            }
            if (chance(0.02)) {
                pairs.add(pick(List.of("&&", "=", "==", "a", "limit", "%")));
                mutations.add("broken query");
            }
            return pairs.isEmpty() ? "" : "?" + String.join("&", pairs).replaceAll("%(?![0-9A-Fa-f]{2})", "%25");
        }

        private String queryValue(String name, JsonNode schema) {
            if (chance(0.3)) {
                return encode(validValue(name, schema));
            }
            if (chance(0.2)) {
                String raw = pick(RAW_ENCODED);
                mutations.add(name + " raw " + raw);
                return raw.replace("/", "%2F");
            }
            return encode(hostileText(name));
        }

        private Map<String, String> headers(Operation op) {
            Map<String, String> headers = new LinkedHashMap<>();
            for (JsonNode p : op.spec().path("parameters")) {
                if (p.path("in").asText().equals("header") && chance(0.5)) {
                    headers.put(p.path("name").asText(), chance(0.5) ? pick(HEADER_VALUES) : hostileText(p.path("name").asText()));
                }
                if (p.path("in").asText().equals("cookie") && chance(0.5)) {
                    headers.put("Cookie", p.path("name").asText() + "=" + encode(hostileText("cookie")));
                }
            }
            int extra = chance(0.5) ? 1 + random.nextInt(3) : 0;
            for (int h = 0; h < extra; h++) {
                String name = pick(HEADER_NAMES);
                headers.put(name, pick(HEADER_VALUES));
                mutations.add("header " + name);
            }
            return headers;
        }

        /** Resolves a {@code $ref} into the document's component. */
        private JsonNode resolve(JsonNode schema) {
            JsonNode ref = schema.get("$ref");
            return ref == null ? schema : document.at(ref.asText().substring(1));
        }

        private String body(JsonNode schema) {
            int kind = random.nextInt(100);
            if (kind < 4) {
                mutations.add("empty body");
                return "";
            }
            if (kind < 8) {
                String scalar = pick(List.of("null", "[]", "\"text\"", "123", "true", "{}{}", "{} []", "\uFEFF{}", "{,}", "{\"a\"}",
                        "{'a':1}", "{\"a\":1,}", "/* c */ {}", "{\"a\":01}", "{\"a\":NaN}", "[{}]", "\u0000"));
                mutations.add("body " + abbreviate(scalar));
                return scalar;
            }
            if (kind < 12) {
                int depth = pick(List.of(200, 1_500, 20_000));
                boolean arrays = chance(0.5);
                String open = arrays ? "[" : "{\"a\":";
                String close = arrays ? "]" : "}";
                mutations.add("nested " + depth + (arrays ? " arrays" : " objects"));
                StringBuilder nested = new StringBuilder();
                nested.append(open.repeat(depth)).append("1").append(close.repeat(chance(0.5) ? depth : depth / 2));
                return arrays ? nested.toString() : nested.toString();
            }
            if (kind < 13) {
                mutations.add("body over 1 MiB");
                return "{\"a\":\"" + "x".repeat(JsonProvider.MAX_BODY_BYTES) + "\"}";
            }
            ObjectNode valid = validObject(schema, 0);
            if (kind < 20) {
                String text = valid.toString();
                int cut = text.isEmpty() ? 0 : random.nextInt(text.length());
                mutations.add("truncated at " + cut);
                return text.substring(0, cut);
            }
            if (kind < 26 && valid.size() > 0) {
                String field = valid.fieldNames().next();
                mutations.add("duplicate key " + field);
                String text = valid.toString();
                return text.substring(0, text.length() - 1) + ",\"" + field + "\":" + hostileValue(field) + "}";
            }
            if (kind < 32) {
                String field = pick(List.of("extra", "__proto__", "constructor", "role", "id", "admin", "\u0000", "x".repeat(200), "ui.theme"));
                mutations.add("unknown field " + abbreviate(field));
                valid.set(field, hostileValue(field));
                return valid.toString();
            }
            List<String> fields = new ArrayList<>();
            valid.fieldNames().forEachRemaining(fields::add);
            if (!fields.isEmpty()) {
                int changes = 1 + random.nextInt(Math.min(2, fields.size()));
                for (int c = 0; c < changes; c++) {
                    String field = pick(fields);
                    if (chance(0.15)) {
                        valid.remove(field);
                        mutations.add("missing " + field);
                    } else {
                        valid.set(field, hostileValue(field));
                    }
                }
            }
            return valid.toString();
        }

        /** A plausible object for {@code schema}: what a well-behaved client might send. */
        private ObjectNode validObject(JsonNode schema, int depth) {
            ObjectNode object = NODES.objectNode();
            JsonNode properties = resolve(schema).path("properties");
            properties.fields().forEachRemaining(p -> {
                if (chance(0.85)) {
                    object.set(p.getKey(), validJson(p.getKey(), resolve(p.getValue()), depth + 1));
                }
            });
            if (properties.isEmpty() && resolve(schema).path("type").asText("").isEmpty()) {
                // any JSON (user settings): keys a client would send
                object.put(pick(List.of("ui.theme", "eq.enabled", "playback.crossfadeSeconds", "social.sharePlaying", "nope")),
                        pick(List.of("dark", "light", "")));
            }
            return object;
        }

        private JsonNode validJson(String name, JsonNode schema, int depth) {
            String type = schema.path("type").asText("");
            if (schema.has("enum")) {
                return pick(toList(schema.path("enum")));
            }
            return switch (type) {
                case "integer" -> NODES.numberNode(name.toLowerCase(java.util.Locale.ROOT).contains("bitrate") ? 128L
                        : name.equals("volume") ? 50L : pick(knownIds).longValue());
                case "number" -> NODES.numberNode(1.0);
                case "boolean" -> NODES.booleanNode(random.nextBoolean());
                case "array" -> {
                    ArrayNode array = NODES.arrayNode();
                    if (depth < 4) {
                        array.add(validJson(name, resolve(schema.path("items")), depth + 1));
                    }
                    yield array;
                }
                case "object" -> depth < 4 ? validObject(schema, depth) : NODES.objectNode();
                case "string" -> NODES.textNode(switch (schema.path("format").asText("")) {
                    case "date-time" -> "2030-01-02T10:00:00Z";
                    default -> switch (name) {
                        case "username" -> "victim-" + random.nextInt(25);
                        case "password", "currentPassword", "newPassword" -> pick(List.of("victim-password", "regular-password", "new-password-1"));
                        case "role" -> pick(List.of("admin", "regular"));
                        case "format" -> pick(List.of("opus", "mp3", "aac", "original"));
                        case "kind" -> pick(List.of("quick", "full"));
                        case "deviceType" -> "web";
                        default -> "fuzz " + name;
                    };
                });
                default -> NODES.textNode("x");
            };
        }

        private static List<JsonNode> toList(JsonNode array) {
            List<JsonNode> out = new ArrayList<>();
            array.forEach(out::add);
            return out;
        }

        private JsonNode hostileValue(String field) {
            int kind = random.nextInt(10);
            JsonNode value;
            if (kind < 4) {
                value = NODES.textNode(pick(HOSTILE_TEXT));
            } else if (kind < 6) {
                Object number = pick(HOSTILE_NUMBERS);
                value = number instanceof java.math.BigDecimal d ? NODES.numberNode(d)
                        : number instanceof java.math.BigInteger b ? NODES.numberNode(b)
                        : number instanceof Double d ? NODES.numberNode(d)
                        : NODES.numberNode(((Number) number).longValue());
            } else if (kind < 7) {
                value = pick(List.of(NODES.nullNode(), NODES.booleanNode(true), NODES.arrayNode(), NODES.objectNode()));
            } else if (kind < 8) {
                ArrayNode array = NODES.arrayNode();
                int size = pick(List.of(1, 3, 10_001));
                for (int a = 0; a < size; a++) {
                    array.add(a % 2 == 0 ? NODES.numberNode(a) : NODES.textNode("\u0000"));
                }
                value = array;
            } else if (kind < 9) {
                ObjectNode object = NODES.objectNode();
                object.put(pick(List.of("a", "\u0000", "x".repeat(200), "format")), pick(HOSTILE_TEXT));
                value = object;
            } else {
                value = NODES.textNode(pick(List.of("1", "١", "true", "2030-01-02T10:00:00Z", "2030-01-02", "10000-01-01T00:00:00Z")));
            }
            mutations.add(field + "=" + abbreviate(value.toString()));
            return value;
        }

        /** Percent-encodes every byte but the unreserved characters (RFC 3986). */
        static String encode(String text) {
            StringBuilder out = new StringBuilder();
            for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
                int c = b & 0xff;
                if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~') {
                    out.append((char) c);
                } else {
                    out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                            .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
                }
            }
            return out.toString();
        }
    }
}
