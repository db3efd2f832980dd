package dev.resonance.plugin.subsonic.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The Subsonic REST API schema, {@code subsonic-rest-api-1.15.0.xsd} as the client library ships it, plus exactly the
 * OpenSubsonic additions listed in {@link #ADDITIONS} (each one defined by the OpenSubsonic spec, per type): the
 * yardstick of every answer.
 *
 * <ul>
 *   <li>XML ({@link #checkXml}): each OpenSubsonic addition is checked against its OpenSubsonic type and removed; what
 *   is left must validate against the XSD itself, so an attribute or element that is neither Subsonic 1.15 nor a
 *   listed addition fails.</li>
 *   <li>JSON ({@link #checkJson}): the same types read as OpenSubsonic's JSON rules say — an attribute is a property of
 *   its XSD type (numbers are numbers, booleans booleans), an element that may repeat is an array (even with one
 *   item), one that may not is an object, a mixed element's text is {@code value}; unknown properties fail.</li>
 *   <li>{@link #data} reads either format into the same plain structure, so that a JSON answer can be compared with
 *   the XML answer to the same request. An empty JSON array counts as absent (XML cannot tell them apart).</li>
 * </ul>
 */
public final class SubsonicSchema {

    public static final String XSD = "subsonic-rest-api-1.15.0.xsd";
    public static final String NAMESPACE = "http://subsonic.org/restapi";

    private static final String XS = XMLConstants.W3C_XML_SCHEMA_NS_URI;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** An attribute: its XSD built-in type ({@code xs:int}) and whether it is required. */
    public record Attribute(String type, boolean required) {
    }

    /** An element: its type (a complex type's name, or an {@code xs:} type for simple content) and whether it repeats. */
    public record Child(String type, boolean repeated) {
        boolean simple() {
            return type.startsWith("xs:");
        }
    }

    /** A complex type, its base's attributes and elements included. */
    public record Type(Map<String, Attribute> attributes, Map<String, Child> elements, boolean mixed) {
    }

    /** What OpenSubsonic adds to one XSD type (or, for its own types, the whole type). */
    private record Addition(Map<String, Attribute> attributes, Map<String, Child> elements, boolean text) {
    }

    // The OpenSubsonic additions, each defined by the OpenSubsonic spec (openapi/schemas/<Type>.json; error codes in
    // "API reference"). Keyed by the XSD type they extend; "os:" names OpenSubsonic's own types. Nothing else is added:
    // anything else an answer carries beyond Subsonic 1.15 fails the check.
    private static final Map<String, Addition> ADDITIONS = Map.ofEntries(
        // subsonic-response: the mandatory OpenSubsonic fields, and getOpenSubsonicExtensions' list
        Map.entry("Response", addition(
            Map.of("type", required("xs:string"), "serverVersion", required("xs:string"),
                "openSubsonic", required("xs:boolean")),
            Map.of("openSubsonicExtensions", many("os:OpenSubsonicExtension"), "lyricsList", one("os:LyricsList"),
                "playQueueByIndex", one("os:PlayQueueByIndex"), "transcodeDecision", one("os:TranscodeDecision"),
                // getSonicSimilarTracks, findSonicPath (endpoints/getSonicSimilarTracks/GetSonicSimilarTracksSuccessResponse.json)
                "sonicMatch", many("os:SonicMatch")))),
        // error: helpUrl
        Map.entry("Error", addition(Map.of("helpUrl", optional("xs:string")), Map.of())),
        // Child (openapi/schemas/Child.json)
        Map.entry("Child", addition(
            Map.ofEntries(Map.entry("bitDepth", optional("xs:int")), Map.entry("samplingRate", optional("xs:int")),
                Map.entry("channelCount", optional("xs:int")),
                Map.entry("played", optional("xs:dateTime")), Map.entry("bpm", optional("xs:int")),
                Map.entry("comment", optional("xs:string")), Map.entry("sortName", optional("xs:string")),
                Map.entry("musicBrainzId", optional("xs:string")), Map.entry("mediaType", optional("xs:string")),
                Map.entry("displayArtist", optional("xs:string")),
                Map.entry("displayAlbumArtist", optional("xs:string")),
                Map.entry("displayComposer", optional("xs:string")),
                Map.entry("explicitStatus", optional("xs:string"))),
            Map.of("isrc", many("xs:string"), "genres", many("os:ItemGenre"), "artists", many("os:ArtistID3"),
                "albumArtists", many("os:ArtistID3"), "contributors", many("os:Contributor"),
                "moods", many("xs:string"), "replayGain", one("os:ReplayGain"), "groupings", many("xs:string")))),
        // AlbumID3 (openapi/schemas/AlbumID3.json)
        Map.entry("AlbumID3", addition(
            Map.of("played", optional("xs:dateTime"), "userRating", optional("xs:int"),
                "musicBrainzId", optional("xs:string"), "displayArtist", optional("xs:string"),
                "sortName", optional("xs:string"), "isCompilation", optional("xs:boolean"),
                "version", optional("xs:string"), "explicitStatus", optional("xs:string")),
            Map.of("recordLabels", many("os:RecordLabel"), "genres", many("os:ItemGenre"),
                "artists", many("os:ArtistID3"), "releaseTypes", many("xs:string"), "moods", many("xs:string"),
                "originalReleaseDate", one("os:ItemDate"), "releaseDate", one("os:ItemDate"),
                "discTitles", many("os:DiscTitle")))),
        // ArtistID3 (openapi/schemas/ArtistID3.json)
        Map.entry("ArtistID3", addition(
            Map.of("musicBrainzId", optional("xs:string"), "sortName", optional("xs:string"),
                "artistImageUrl", optional("xs:string"), "disambiguation", optional("xs:string")),
            Map.of("roles", many("xs:string")))),
        // Playlist (openapi/schemas/Playlist.json), also the base of PlaylistWithSongs
        Map.entry("Playlist", addition(Map.of("readonly", optional("xs:boolean"), "validUntil", optional("xs:dateTime")),
            Map.of())),
        // PlayQueue (openapi/schemas/PlayQueue.json): OpenSubsonic's ids are strings, the XSD's current an int
        Map.entry("PlayQueue", addition(Map.of("current", optional("xs:string")), Map.of())),
        // NowPlayingEntry (openapi/schemas/NowPlayingEntry.json): what playbackReport adds to getNowPlaying's entries
        Map.entry("NowPlayingEntry", addition(Map.of("state", optional("xs:string"), "positionMs", optional("xs:long"),
            "playbackRate", optional("xs:float")), Map.of())),
        // Artist (openapi/schemas/Artist.json)
        Map.entry("Artist", addition(Map.of("artistImageUrl", optional("xs:string")), Map.of())),
        // OpenSubsonic's own types
        Map.entry("os:OpenSubsonicExtension", addition(Map.of("name", required("xs:string")),
            Map.of("versions", many("xs:int")))),
        Map.entry("os:ItemGenre", addition(Map.of("name", required("xs:string")), Map.of())),
        Map.entry("os:RecordLabel", addition(Map.of("name", required("xs:string")), Map.of())),
        Map.entry("os:ItemDate", addition(Map.of("year", optional("xs:int"), "month", optional("xs:int"),
            "day", optional("xs:int")), Map.of())),
        Map.entry("os:DiscTitle", addition(Map.of("disc", required("xs:int"), "title", required("xs:string")),
            Map.of())),
        Map.entry("os:ReplayGain", addition(Map.of("trackGain", optional("xs:float"), "albumGain", optional("xs:float"),
            "trackPeak", optional("xs:float"), "albumPeak", optional("xs:float"), "baseGain", optional("xs:float"),
            "fallbackGain", optional("xs:float")), Map.of())),
        // the artists of a song or album: OpenSubsonic's ArtistID3, where only id and name are required
        Map.entry("os:ArtistID3", addition(Map.of("id", required("xs:string"), "name", required("xs:string"),
            "coverArt", optional("xs:string"), "artistImageUrl", optional("xs:string"),
            "albumCount", optional("xs:int"), "starred", optional("xs:dateTime"),
            "musicBrainzId", optional("xs:string"), "sortName", optional("xs:string")), Map.of())),
        Map.entry("os:Contributor", addition(Map.of("role", required("xs:string"), "subRole", optional("xs:string")),
            Map.of("artist", one("os:ArtistID3")))),
        // getTranscodeDecision (openapi/schemas/TranscodeDecision.json, StreamDetails.json)
        Map.entry("os:TranscodeDecision", addition(Map.of("canDirectPlay", required("xs:boolean"), "canTranscode", required("xs:boolean"),
            "errorReason", optional("xs:string"), "transcodeParams", optional("xs:string")),
            Map.of("transcodeReason", many("xs:string"), "sourceStream", one("os:StreamDetails"),
                "transcodeStream", one("os:StreamDetails")))),
        Map.entry("os:StreamDetails", addition(Map.of("protocol", required("xs:string"), "container", required("xs:string"),
            "codec", required("xs:string"), "audioChannels", optional("xs:int"), "audioBitrate", optional("xs:long"),
            "audioProfile", optional("xs:string"), "audioSamplerate", optional("xs:int"), "audioBitdepth", optional("xs:int")),
            Map.of())),
        // sonicSimilarity (openapi/schemas/SonicMatch.json): a Child and its similarity, a number from -1 to 1
        Map.entry("os:SonicMatch", addition(Map.of("similarity", required("xs:double")), Map.of("entry", one("Child")))),
        // getPlayQueueByIndex (openapi/schemas/PlayQueueByIndex.json)
        Map.entry("os:PlayQueueByIndex", addition(Map.of("currentIndex", optional("xs:int"), "position", optional("xs:long"),
            "username", required("xs:string"), "changed", required("xs:dateTime"), "changedBy", required("xs:string")),
            Map.of("entry", many("Child")))),
        // getLyricsBySongId (openapi/schemas/LyricsList.json, StructuredLyrics.json, Line.json, CueLine.json, Cue.json):
        // a line's and a cue's text is the element's text (value in JSON), a cueLine's value an attribute
        Map.entry("os:LyricsList", addition(Map.of(), Map.of("structuredLyrics", many("os:StructuredLyrics")))),
        Map.entry("os:StructuredLyrics", addition(Map.of("lang", required("xs:string"), "synced", required("xs:boolean"),
            "displayArtist", optional("xs:string"), "displayTitle", optional("xs:string"), "offset", optional("xs:long"),
            "kind", optional("xs:string")), Map.of("line", many("os:Line"), "cueLine", many("os:CueLine")))),
        Map.entry("os:Line", text(addition(Map.of("start", optional("xs:long")), Map.of()))),
        Map.entry("os:CueLine", addition(Map.of("index", required("xs:int"), "start", optional("xs:long"),
            "end", optional("xs:long"), "value", required("xs:string"), "agentId", optional("xs:string")),
            Map.of("cue", many("os:Cue")))),
        Map.entry("os:Cue", text(addition(Map.of("start", required("xs:long"), "end", optional("xs:long"),
            "byteStart", required("xs:int"), "byteEnd", required("xs:int")), Map.of()))));

    /** Error codes OpenSubsonic adds to the XSD's {@code ErrorCode} (API reference, "Error handling"). */
    private static final List<String> ERROR_CODES = List.of("42", "43", "44");

    private final Map<String, Type> xsd;
    private final Map<String, String> bases;
    private final Schema schema;

    private SubsonicSchema(Map<String, Type> xsd, Map<String, String> bases, Schema schema) {
        this.xsd = xsd;
        this.bases = bases;
        this.schema = schema;
    }

    /** Reads the XSD from the client library's jar on the class path. */
    public static SubsonicSchema load() {
        try (InputStream in = SubsonicSchema.class.getClassLoader().getResourceAsStream(XSD)) {
            if (in == null) {
                throw new IllegalStateException(XSD + " is not on the class path (net.beardbot:subsonic-client)");
            }
            Document document = parser().newDocumentBuilder().parse(in);
            Map<String, String> simple = new LinkedHashMap<>();
            Map<String, String> bases = new LinkedHashMap<>();
            NodeList simpleTypes = document.getElementsByTagNameNS(XS, "simpleType");
            for (int i = 0; i < simpleTypes.getLength(); i++) {
                Element type = (Element) simpleTypes.item(i);
                Element restriction = first(type, "restriction").orElseThrow();
                simple.put(type.getAttribute("name"), restriction.getAttribute("base"));
                if (type.getAttribute("name").equals("ErrorCode")) {
                    for (String code : ERROR_CODES) {
                        Element value = document.createElementNS(XS, "xs:enumeration");
                        value.setAttribute("value", code);
                        restriction.appendChild(value);
                    }
                }
            }
            Map<String, Element> complex = new LinkedHashMap<>();
            NodeList complexTypes = document.getElementsByTagNameNS(XS, "complexType");
            for (int i = 0; i < complexTypes.getLength(); i++) {
                Element type = (Element) complexTypes.item(i);
                complex.put(type.getAttribute("name"), type);
                first(type, "extension").ifPresent(e -> bases.put(type.getAttribute("name"), local(e.getAttribute("base"))));
            }
            Map<String, Type> types = new LinkedHashMap<>();
            for (String name : complex.keySet()) {
                types.put(name, type(name, complex, simple));
            }
            Schema schema = SchemaFactory.newInstance(XS).newSchema(new DOMSource(document));
            return new SubsonicSchema(types, bases, schema);
        } catch (IOException | SAXException | javax.xml.parsers.ParserConfigurationException e) {
            throw new IllegalStateException("cannot read " + XSD, e);
        }
    }

    /** The XSD's complex types (bases resolved), without the OpenSubsonic additions. */
    public Map<String, Type> xsdTypes() {
        return xsd;
    }

    /**
     * Checks an XML answer: every OpenSubsonic addition is of its OpenSubsonic type, and the rest validates against
     * the XSD.
     *
     * @throws AssertionError saying what is wrong
     */
    public void checkXml(byte[] body) {
        Document document = parse(body);
        Element root = document.getDocumentElement();
        check(NAMESPACE.equals(root.getNamespaceURI()) && root.getLocalName().equals("subsonic-response"),
            "the root is {" + NAMESPACE + "}subsonic-response, not {" + root.getNamespaceURI() + "}"
                + root.getLocalName());
        strip(root, "Response", "subsonic-response");
        try {
            schema.newValidator().validate(new DOMSource(document));
        } catch (SAXException | IOException e) {
            String text = new String(body, java.nio.charset.StandardCharsets.UTF_8);
            throw new AssertionError("the answer without its OpenSubsonic additions breaks " + XSD + ": "
                + e.getMessage() + "\n" + (text.length() > 3000 ? text.substring(0, 3000) + "…" : text));
        }
    }

    /**
     * Checks a JSON answer against the same types: known properties only, each of its XSD type, repeated elements as
     * arrays, required attributes present.
     */
    public void checkJson(byte[] body) {
        JsonNode tree = json(body);
        check(tree.isObject() && tree.size() == 1 && tree.has("subsonic-response"),
            "a JSON answer is {\"subsonic-response\": {...}}: " + tree);
        checkJson(tree.get("subsonic-response"), "Response", "subsonic-response");
    }

    /** Either format as plain data: maps, lists, strings, booleans and numbers as {@link BigDecimal}s. */
    public Object data(SubsonicServer.Exchange exchange) {
        if (exchange.json()) {
            return jsonData(json(exchange.body()).get("subsonic-response"));
        }
        return xmlData(parse(exchange.body()).getDocumentElement(), "Response");
    }

    // XML

    private void strip(Element element, String typeName, String path) {
        Type type = xsd.get(typeName);
        Addition added = added(typeName);
        NamedNodeMap attributes = element.getAttributes();
        List<Attr> present = new ArrayList<>();
        for (int i = 0; i < attributes.getLength(); i++) {
            present.add((Attr) attributes.item(i));
        }
        for (Attr attribute : present) {
            Attribute addition = added.attributes().get(attribute.getName());
            if (addition != null) {
                lexical(attribute.getValue(), addition.type(), path + "@" + attribute.getName());
                element.removeAttributeNode(attribute);
            }
        }
        for (Element child : children(element)) {
            String name = child.getLocalName();
            Child addition = added.elements().get(name);
            if (addition != null) {
                checkAddition(child, addition, path + "/" + name);
                element.removeChild(child);
            } else if (type.elements().containsKey(name) && !type.elements().get(name).simple()) {
                strip(child, type.elements().get(name).type(), path + "/" + name);
            }
        }
    }

    private void checkAddition(Element element, Child kind, String path) {
        if (kind.simple()) {
            check(children(element).isEmpty() && element.getAttributes().getLength() == 0,
                path + " holds a simple value");
            lexical(element.getTextContent(), kind.type(), path);
            return;
        }
        Type type = merged(kind.type());
        NamedNodeMap attributes = element.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            Attr attribute = (Attr) attributes.item(i);
            Attribute known = type.attributes().get(attribute.getName());
            check(known != null, path + " has an attribute OpenSubsonic does not define: " + attribute.getName());
            lexical(attribute.getValue(), known.type(), path + "@" + attribute.getName());
        }
        type.attributes().forEach((name, attribute) -> check(!attribute.required() || element.hasAttribute(name),
            path + " lacks the required " + name));
        for (Element child : children(element)) {
            Child known = type.elements().get(child.getLocalName());
            check(known != null, path + " has an element OpenSubsonic does not define: " + child.getLocalName());
            checkAddition(child, known, path + "/" + child.getLocalName());
        }
    }

    private Object xmlData(Element element, String typeName) {
        Type type = merged(typeName);
        Map<String, Object> data = new LinkedHashMap<>();
        NamedNodeMap attributes = element.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            Attr attribute = (Attr) attributes.item(i);
            if (attribute.getName().startsWith("xmlns")) {
                continue;
            }
            Attribute known = type.attributes().get(attribute.getName());
            check(known != null, typeName + " has no attribute " + attribute.getName());
            data.put(attribute.getName(), typed(attribute.getValue(), known.type()));
        }
        if (type.mixed() && !element.getTextContent().isEmpty()) {
            data.put("value", element.getTextContent());
        }
        for (Element child : children(element)) {
            Child known = type.elements().get(child.getLocalName());
            check(known != null, typeName + " has no element " + child.getLocalName());
            Object value = known.simple() ? typed(child.getTextContent(), known.type()) : xmlData(child, known.type());
            if (known.repeated()) {
                @SuppressWarnings("unchecked")
                List<Object> list = (List<Object>) data.computeIfAbsent(child.getLocalName(), k -> new ArrayList<>());
                list.add(value);
            } else {
                check(!data.containsKey(child.getLocalName()), typeName + " repeats " + child.getLocalName());
                data.put(child.getLocalName(), value);
            }
        }
        return data;
    }

    // JSON

    private void checkJson(JsonNode node, String typeName, String path) {
        check(node.isObject(), path + " is a JSON object, not " + node);
        Type type = merged(typeName);
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            JsonNode value = field.getValue();
            String at = path + "." + name;
            if (type.attributes().containsKey(name)) {
                jsonValue(value, type.attributes().get(name).type(), at);
            } else if (type.elements().containsKey(name)) {
                Child child = type.elements().get(name);
                if (child.repeated()) {
                    check(value.isArray(), at + " may repeat, so it is an array (even of one): " + value);
                    for (JsonNode item : value) {
                        if (child.simple()) {
                            jsonValue(item, child.type(), at + "[]");
                        } else {
                            checkJson(item, child.type(), at + "[]");
                        }
                    }
                } else if (child.simple()) {
                    jsonValue(value, child.type(), at);
                } else {
                    checkJson(value, child.type(), at);
                }
            } else if (type.mixed() && name.equals("value")) {
                check(value.isTextual(), at + " is text");
            } else {
                throw new AssertionError(at + " is neither Subsonic 1.15 nor an OpenSubsonic addition to " + typeName);
            }
        }
        type.attributes().forEach((name, attribute) -> check(!attribute.required() || node.has(name),
            path + " lacks the required " + name));
    }

    private static void jsonValue(JsonNode value, String type, String path) {
        switch (type) {
            case "xs:int":
            case "xs:long":
                check(value.isIntegralNumber(), path + " is a whole number (" + type + "), not " + value);
                lexical(value.asText(), type, path);
                break;
            case "xs:float":
            case "xs:double":
                check(value.isNumber(), path + " is a number (" + type + "), not " + value);
                break;
            case "xs:boolean":
                check(value.isBoolean(), path + " is a boolean, not " + value);
                break;
            default:
                check(value.isTextual(), path + " is a string (" + type + "), not " + value);
                lexical(value.asText(), type, path);
        }
    }

    private static Object jsonData(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> data = new LinkedHashMap<>();
            node.fields().forEachRemaining(field -> {
                if (!(field.getValue().isArray() && field.getValue().isEmpty())) {
                    data.put(field.getKey(), jsonData(field.getValue()));
                }
            });
            return data;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(item -> list.add(jsonData(item)));
            return list;
        }
        if (node.isNumber()) {
            return number(node.asText());
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        return node.asText();
    }

    // Types

    private Type merged(String name) {
        Type base = xsd.get(name);
        Addition added = added(name);
        Map<String, Attribute> attributes = new LinkedHashMap<>(base == null ? Map.of() : base.attributes());
        attributes.putAll(added.attributes());
        Map<String, Child> elements = new LinkedHashMap<>(base == null ? Map.of() : base.elements());
        elements.putAll(added.elements());
        if (base == null && !ADDITIONS.containsKey(name)) {
            throw new AssertionError("no type " + name);
        }
        return new Type(attributes, elements, base != null && base.mixed() || added.text());
    }

    /** The additions to a type and to the types it extends. */
    private Addition added(String name) {
        Map<String, Attribute> attributes = new LinkedHashMap<>();
        Map<String, Child> elements = new LinkedHashMap<>();
        boolean text = false;
        for (String type = name; type != null; type = bases.get(type)) {
            Addition addition = ADDITIONS.get(type);
            if (addition != null) {
                attributes.putAll(addition.attributes());
                elements.putAll(addition.elements());
                text |= addition.text();
            }
        }
        return new Addition(attributes, elements, text);
    }

    private static Type type(String name, Map<String, Element> complex, Map<String, String> simple) {
        Element definition = complex.get(name);
        Map<String, Attribute> attributes = new LinkedHashMap<>();
        Map<String, Child> elements = new LinkedHashMap<>();
        Optional<Element> extension = first(definition, "extension");
        if (extension.isPresent()) {
            Type base = type(local(extension.get().getAttribute("base")), complex, simple);
            attributes.putAll(base.attributes());
            elements.putAll(base.elements());
        }
        NodeList declared = definition.getElementsByTagNameNS(XS, "attribute");
        for (int i = 0; i < declared.getLength(); i++) {
            Element attribute = (Element) declared.item(i);
            attributes.put(attribute.getAttribute("name"), new Attribute(builtIn(attribute.getAttribute("type"), simple),
                attribute.getAttribute("use").equals("required")));
        }
        NodeList children = definition.getElementsByTagNameNS(XS, "element");
        for (int i = 0; i < children.getLength(); i++) {
            Element child = (Element) children.item(i);
            String type = child.getAttribute("type");
            String resolved = type.startsWith("xs:") || simple.containsKey(local(type)) ? builtIn(type, simple)
                : local(type);
            elements.put(child.getAttribute("name"), new Child(resolved, child.getAttribute("maxOccurs").equals("unbounded")));
        }
        return new Type(attributes, elements, definition.getAttribute("mixed").equals("true"));
    }

    private static String builtIn(String type, Map<String, String> simple) {
        String resolved = type;
        while (!resolved.startsWith("xs:")) {
            resolved = simple.get(local(resolved));
        }
        return resolved;
    }

    private static Object typed(String text, String type) {
        switch (type) {
            case "xs:int":
            case "xs:long":
            case "xs:float":
            case "xs:double":
                return number(text);
            case "xs:boolean":
                return Boolean.parseBoolean(text);
            default:
                return text;
        }
    }

    private static BigDecimal number(String text) {
        BigDecimal number = new BigDecimal(text);
        return number.signum() == 0 ? BigDecimal.ZERO : number.stripTrailingZeros();
    }

    private static void lexical(String text, String type, String path) {
        try {
            switch (type) {
                case "xs:int":
                    Integer.parseInt(text);
                    break;
                case "xs:long":
                    Long.parseLong(text);
                    break;
                case "xs:float":
                case "xs:double":
                    Double.parseDouble(text);
                    break;
                case "xs:boolean":
                    check(text.equals("true") || text.equals("false"), path + " is true or false: " + text);
                    break;
                case "xs:dateTime":
                    OffsetDateTime.parse(text);
                    break;
                default:
                    break;
            }
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new AssertionError(path + " is not an " + type + ": " + text);
        }
    }

    // Helpers

    private static Addition addition(Map<String, Attribute> attributes, Map<String, Child> elements) {
        return new Addition(attributes, elements, false);
    }

    /** An OpenSubsonic type whose element carries text ({@code value} in JSON). */
    private static Addition text(Addition addition) {
        return new Addition(addition.attributes(), addition.elements(), true);
    }

    private static Attribute required(String type) {
        return new Attribute(type, true);
    }

    private static Attribute optional(String type) {
        return new Attribute(type, false);
    }

    private static Child many(String type) {
        return new Child(type, true);
    }

    private static Child one(String type) {
        return new Child(type, false);
    }

    private static DocumentBuilderFactory parser() {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory;
    }

    private static Document parse(byte[] body) {
        try {
            return parser().newDocumentBuilder().parse(new ByteArrayInputStream(body));
        } catch (IOException | SAXException | javax.xml.parsers.ParserConfigurationException e) {
            throw new AssertionError("not XML: " + e.getMessage() + "\n"
                + new String(body, java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    private static JsonNode json(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + e.getMessage());
        }
    }

    private static List<Element> children(Element element) {
        List<Element> children = new ArrayList<>();
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element e) {
                children.add(e);
            }
        }
        return children;
    }

    private static Optional<Element> first(Element parent, String localName) {
        NodeList found = parent.getElementsByTagNameNS(XS, localName);
        return found.getLength() == 0 ? Optional.empty() : Optional.of((Element) found.item(0));
    }

    private static String local(String qualified) {
        return qualified.substring(qualified.indexOf(':') + 1);
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new AssertionError(message);
        }
    }

    /** The names of the OpenSubsonic additions to a type, for tests of the check itself. */
    static Set<String> additionsTo(String type) {
        Addition addition = ADDITIONS.get(type);
        Set<String> names = new java.util.TreeSet<>(addition.attributes().keySet());
        names.addAll(addition.elements().keySet());
        return names;
    }
}
