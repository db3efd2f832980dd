package dev.resonance.plugin.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.resonance.api.plugin.PluginDescriptor;
import dev.resonance.api.plugin.PluginPermission;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.osgi.framework.Version;
import org.osgi.framework.VersionRange;

/**
 * A plugin's descriptor ({@value PluginDescriptor#RESOURCE}) as the core reads it, checked as the core checks it: the
 * required fields, the id, an {@code "api"} range that includes the running core-api, and permissions the core knows,
 * each with a reason, {@code network} with its hosts. See {@link PluginDescriptor} for the format.
 *
 * @param id the plugin's id, also its {@value PluginDescriptor#HEADER} header
 * @param api the core-api versions the plugin works with
 * @param capabilities the SPIs the plugin says it registers
 * @param permissions what the plugin may ask the core for, with the admin-facing reasons
 * @param source where the descriptor was read from, for messages
 */
public record Descriptor(String id, String name, String author, String description, Optional<String> website,
                         String license, VersionRange api, List<String> capabilities,
                         Map<PluginPermission, Grant> permissions, String source) {

    /** A plugin id: lower case, starts with a letter, 2 to 32 characters. */
    public static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]{1,31}");

    /** The storage a plugin gets when it declares {@code storage} without {@code maxBytes}: 1 MiB. */
    public static final long DEFAULT_STORAGE_BYTES = 1L << 20;

    /** The most storage a plugin may declare: 64 MiB. */
    public static final long MAX_STORAGE_BYTES = 64L << 20;

    /** A host name ({@code lrclib.net}), or {@code *.} and a domain for its subdomains. */
    /** A setting's name in {@code hostsFromSettings}: a metatype attribute id. */
    private static final Pattern SETTING = Pattern.compile("[A-Za-z][A-Za-z0-9._-]{0,63}");

    private static final Pattern HOST =
        Pattern.compile("(\\*\\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*");

    private static final Set<String> FIELDS = Set.of("id", "name", "author", "description", "website", "license", "api",
        "capabilities", "permissions");
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One declared permission.
     *
     * @param reason what the admin reads before enabling the plugin
     * @param hosts for {@code network}: the hosts it may call (exact, or {@code *.domain} for subdomains); else empty
     * @param maxBytes for {@code storage}: the most its store may hold; else 0
     * @param hostsFromSettings for {@code network}: the settings holding a server URL whose host the server also lets
     *     the plugin call (the kit's {@code PluginHttp} allows only {@link #hosts}: in a test, point the plugin at a
     *     fake with {@link Descriptor#withNetworkHosts}); else empty
     */
    public record Grant(String reason, List<String> hosts, long maxBytes, List<String> hostsFromSettings) {
        public Grant {
            Objects.requireNonNull(reason, "reason");
            hosts = List.copyOf(hosts);
            hostsFromSettings = List.copyOf(hostsFromSettings);
        }
    }

    public Descriptor {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(website, "website");
        Objects.requireNonNull(api, "api");
        capabilities = List.copyOf(capabilities);
        EnumMap<PluginPermission, Grant> copy = new EnumMap<>(PluginPermission.class);
        copy.putAll(permissions);
        permissions = Collections.unmodifiableMap(copy);
    }

    /** Whether the plugin declared {@code permission}. */
    public boolean declares(PluginPermission permission) {
        return permissions.containsKey(permission);
    }

    /** The hosts the plugin declared under {@code network}; empty when it did not ask for the network. */
    public List<String> networkHosts() {
        Grant grant = permissions.get(PluginPermission.NETWORK);
        return grant == null ? List.of() : grant.hosts();
    }

    /**
     * This descriptor with {@code hosts} declared under {@code network} as well, for a test that points the plugin at
     * a local fake server ({@code 127.0.0.1}) its shipped descriptor does not, and should not, list:
     * {@code PluginHarness.of(PluginHarness.load().descriptor().withNetworkHosts("127.0.0.1"))}. Grants nothing else:
     * the plugin must have declared {@code network} itself.
     *
     * @throws IllegalStateException when the plugin did not declare {@code network}
     * @throws IllegalArgumentException when a host is not a lower-case host name, nor {@code *.} and a domain
     */
    public Descriptor withNetworkHosts(String... hosts) {
        Grant network = permissions.get(PluginPermission.NETWORK);
        if (network == null) {
            throw new IllegalStateException("plugin \"" + id + "\" did not declare the \"network\" permission: a test "
                + "cannot add hosts to a permission the plugin does not ask for");
        }
        List<String> all = new ArrayList<>(network.hosts());
        for (String host : hosts) {
            if (host == null || !HOST.matcher(host).matches()) {
                throw new IllegalArgumentException("\"" + host + "\" is not a lower-case host name (no scheme, port or "
                    + "path), nor *. and a domain");
            }
            if (!all.contains(host)) {
                all.add(host);
            }
        }
        EnumMap<PluginPermission, Grant> more = new EnumMap<>(permissions);
        more.put(PluginPermission.NETWORK, new Grant(network.reason(), all, network.maxBytes(), network.hostsFromSettings()));
        return new Descriptor(id, name, author, description, website, license, api, capabilities, more, source);
    }

    /** The bytes its store may hold; 0 when it did not ask for {@code storage}. */
    public long storageMaxBytes() {
        Grant grant = permissions.get(PluginPermission.STORAGE);
        return grant == null ? 0 : grant.maxBytes();
    }

    /**
     * Reads and checks a descriptor against the core-api on the class path.
     *
     * @throws InvalidDescriptorException listing everything the core would refuse
     */
    public static Descriptor read(InputStream json, String source) throws IOException {
        return read(json, source, CoreApi.version());
    }

    /** Reads and checks a descriptor against core-api {@code coreApi}. */
    public static Descriptor read(InputStream json, String source, Version coreApi) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidDescriptorException(source, List.of("not JSON: " + e.getOriginalMessage()));
        }
        List<String> problems = new ArrayList<>();
        if (root == null || !root.isObject()) {
            throw new InvalidDescriptorException(source, List.of("not a JSON object"));
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (!FIELDS.contains(field)) {
                problems.add("unknown field \"" + field + "\" (known: " + String.join(", ", FIELDS.stream().sorted().toList())
                    + ")");
            }
        }
        String id = text(root, "id", true, problems);
        if (!id.isEmpty() && !ID.matcher(id).matches()) {
            problems.add("\"id\" \"" + id + "\" must match " + ID.pattern()
                + " (lower case, starts with a letter, 2 to 32 characters)");
        }
        String name = text(root, "name", true, problems);
        String author = text(root, "author", true, problems);
        String description = text(root, "description", true, problems);
        String website = text(root, "website", false, problems);
        String license = text(root, "license", true, problems);
        VersionRange api = apiRange(text(root, "api", true, problems), coreApi, problems);
        List<String> capabilities = capabilities(root.get("capabilities"), problems);
        Map<PluginPermission, Grant> permissions = permissions(root.get("permissions"), problems);
        if (!problems.isEmpty()) {
            throw new InvalidDescriptorException(source, problems);
        }
        return new Descriptor(id, name, author, description, website.isEmpty() ? Optional.empty() : Optional.of(website),
            license, api, capabilities, permissions, source);
    }

    private static String text(JsonNode root, String field, boolean required, List<String> problems) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                problems.add("\"" + field + "\" is missing");
            }
            return "";
        }
        if (!node.isTextual() || node.asText().isBlank()) {
            problems.add("\"" + field + "\" must be a non-empty string");
            return "";
        }
        return node.asText().strip();
    }

    private static VersionRange apiRange(String text, Version coreApi, List<String> problems) {
        if (text.isEmpty()) {
            return new VersionRange(VersionRange.LEFT_CLOSED, coreApi, null, VersionRange.RIGHT_OPEN);
        }
        try {
            VersionRange range = VersionRange.valueOf(text);
            if (!range.includes(coreApi)) {
                problems.add("\"api\" " + text + " does not include the core-api it would run on (" + coreApi + "): "
                    + "name the core-api versions the plugin works with, e.g. \"[" + coreApi.getMajor() + "."
                    + coreApi.getMinor() + "," + (coreApi.getMajor() + 1) + ")\"");
            }
            return range;
        } catch (IllegalArgumentException e) {
            problems.add("\"api\" \"" + text + "\" is not an OSGi version range such as \"[1.1,2)\": " + e.getMessage());
            return new VersionRange(VersionRange.LEFT_CLOSED, coreApi, null, VersionRange.RIGHT_OPEN);
        }
    }

    private static List<String> capabilities(JsonNode node, List<String> problems) {
        List<String> capabilities = new ArrayList<>();
        if (node == null || node.isNull()) {
            return capabilities;
        }
        if (!node.isArray()) {
            problems.add("\"capabilities\" must be an array of SPI names, e.g. [\"LyricsProvider\"]");
            return capabilities;
        }
        for (JsonNode capability : node) {
            if (!capability.isTextual() || capability.asText().isBlank()) {
                problems.add("\"capabilities\" holds " + capability + ": each must be an SPI's name");
            } else if (!PluginDescriptor.capabilities().contains(capability.asText().strip())) {
                problems.add("\"capabilities\" holds " + capability + ", which the server does not know: it would refuse "
                    + "the plugin (known: " + String.join(", ", new java.util.TreeSet<>(PluginDescriptor.capabilities())) + ")");
            } else {
                capabilities.add(capability.asText().strip());
            }
        }
        return capabilities;
    }

    private static Map<PluginPermission, Grant> permissions(JsonNode node, List<String> problems) {
        Map<PluginPermission, Grant> permissions = new EnumMap<>(PluginPermission.class);
        if (node == null || node.isNull()) {
            return permissions;
        }
        if (!node.isObject()) {
            problems.add("\"permissions\" must be an object: {\"catalog\": {\"reason\": \"...\"}, ...}");
            return permissions;
        }
        List<String> known = Arrays.stream(PluginPermission.values()).map(PluginPermission::jsonName).toList();
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            Optional<PluginPermission> permission = PluginPermission.fromJsonName(field.getKey());
            if (permission.isEmpty()) {
                problems.add("permission \"" + field.getKey() + "\" is not one the core knows (" + String.join(", ", known)
                    + ")");
                continue;
            }
            grant(permission.get(), field.getValue(), problems).ifPresent(grant -> permissions.put(permission.get(), grant));
        }
        return permissions;
    }

    private static Optional<Grant> grant(PluginPermission permission, JsonNode node, List<String> problems) {
        String label = "permission \"" + permission.jsonName() + "\"";
        if (!node.isObject()) {
            problems.add(label + " must be an object with a \"reason\"");
            return Optional.empty();
        }
        int before = problems.size();
        Set<String> allowed = switch (permission) {
            case NETWORK -> Set.of("reason", "hosts", "hostsFromSettings");
            case STORAGE -> Set.of("reason", "maxBytes");
            default -> Set.of("reason");
        };
        node.fieldNames().forEachRemaining(field -> {
            if (!allowed.contains(field)) {
                problems.add(label + " has an unknown field \"" + field + "\" (it takes " + String.join(", ",
                    allowed.stream().sorted().toList()) + ")");
            }
        });
        JsonNode reason = node.get("reason");
        if (reason == null || !reason.isTextual() || reason.asText().isBlank()) {
            problems.add(label + " needs a \"reason\": the sentence the admin reads before enabling the plugin");
        }
        List<String> hosts = new ArrayList<>();
        List<String> fromSettings = new ArrayList<>();
        if (permission == PluginPermission.NETWORK) {
            JsonNode settings = node.get("hostsFromSettings");
            if (settings != null) {
                if (!settings.isArray()) {
                    problems.add(label + ": \"hostsFromSettings\" must be a list of the plugin's setting names");
                } else {
                    for (JsonNode setting : settings) {
                        if (setting.isTextual() && SETTING.matcher(setting.asText()).matches()) {
                            fromSettings.add(setting.asText());
                        } else {
                            problems.add(label + ": \"hostsFromSettings\" entry " + setting + " is not a setting's name "
                                + "(a metatype attribute id such as \"serverUrl\")");
                        }
                    }
                }
            }
            JsonNode list = node.get("hosts");
            if (!fromSettings.isEmpty() && (list == null || list.isArray() && list.isEmpty())) {
                hosts.clear(); // a plugin that only calls the server its admin sets declares no fixed host
            } else if (list == null || !list.isArray() || list.isEmpty()) {
                problems.add(label + " needs \"hosts\": the host names the plugin calls (\"api.example.org\", or "
                    + "\"*.example.org\" for its subdomains); it may call no other");
            } else {
                for (JsonNode host : list) {
                    String text = host.isTextual() ? host.asText().strip() : "";
                    if (!HOST.matcher(text).matches()) {
                        problems.add(label + ": \"" + host.asText() + "\" is not a lower-case host name (no scheme, "
                            + "port or path), nor *. and a domain");
                    } else {
                        hosts.add(text);
                    }
                }
            }
        }
        long maxBytes = 0;
        if (permission == PluginPermission.STORAGE) {
            maxBytes = DEFAULT_STORAGE_BYTES;
            JsonNode max = node.get("maxBytes");
            if (max != null) {
                if (!max.canConvertToLong() || !max.isIntegralNumber() || max.asLong() <= 0
                    || max.asLong() > MAX_STORAGE_BYTES) {
                    problems.add(label + ": \"maxBytes\" must be a whole number of bytes from 1 to " + MAX_STORAGE_BYTES
                        + " (64 MiB); without it the store holds 1 MiB");
                } else {
                    maxBytes = max.asLong();
                }
            }
        }
        return problems.size() == before ? Optional.of(new Grant(reason.asText().strip(), hosts, maxBytes, fromSettings))
            : Optional.empty();
    }
}
