package dev.resonance.plugin.subsonic.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;

/** Reading raw answers in tests. */
public final class Answers {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Answers() {
    }

    /** The {@code subsonic-response} object of a JSON answer. */
    public static JsonNode json(SubsonicServer.Exchange exchange) {
        try {
            return JSON.readTree(exchange.body()).get("subsonic-response");
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + exchange.text(), e);
        }
    }

    /** The {@code subsonic-response} element of an XML answer. */
    public static Element xml(SubsonicServer.Exchange exchange) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(exchange.body())).getDocumentElement();
        } catch (Exception e) {
            throw new AssertionError("not XML: " + exchange.text(), e);
        }
    }

    /** The error code of a failed answer, in either format; -1 when it did not fail. */
    public static int errorCode(SubsonicServer.Exchange exchange) {
        if (exchange.json()) {
            JsonNode response = json(exchange);
            return response.path("status").asText().equals("failed") ? response.path("error").path("code").asInt() : -1;
        }
        Element response = xml(exchange);
        if (!response.getAttribute("status").equals("failed")) {
            return -1;
        }
        return Integer.parseInt(((Element) response.getElementsByTagNameNS(SubsonicSchema.NAMESPACE, "error").item(0))
            .getAttribute("code"));
    }

    /** The error message of a failed answer, in either format. */
    public static String errorMessage(SubsonicServer.Exchange exchange) {
        if (exchange.json()) {
            return json(exchange).path("error").path("message").asText();
        }
        return ((Element) xml(exchange).getElementsByTagNameNS(SubsonicSchema.NAMESPACE, "error").item(0))
            .getAttribute("message");
    }
}
