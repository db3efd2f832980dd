package dev.resonance.plugin.subsonic.response;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes an answer as Subsonic XML: UTF-8, every element in the namespace {@value #NAMESPACE}, attributes as
 * attributes, lists as repeated elements, a node's text as its content. With the JDK's own StAX writer
 * ({@code newDefaultFactory}: never a provider another bundle brings). Characters XML 1.0 cannot carry (control
 * characters, unpaired surrogates) are left out.
 */
public final class XmlFormat {

    public static final String NAMESPACE = "http://subsonic.org/restapi";
    public static final String CONTENT_TYPE = "text/xml;charset=UTF-8";

    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newDefaultFactory();

    private XmlFormat() {
    }

    public static byte[] write(Node root) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            XMLStreamWriter xml = FACTORY.createXMLStreamWriter(out, "UTF-8");
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeStartElement(root.name());
            xml.writeDefaultNamespace(NAMESPACE);
            body(xml, root);
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write the answer as XML", e);
        }
        return out.toByteArray();
    }

    /** The answer as text, for logs and tests. */
    public static String toString(Node root) {
        return new String(write(root), StandardCharsets.UTF_8);
    }

    private static void element(XMLStreamWriter xml, Node node) throws XMLStreamException {
        xml.writeStartElement(node.name());
        body(xml, node);
        xml.writeEndElement();
    }

    private static void body(XMLStreamWriter xml, Node node) throws XMLStreamException {
        for (Map.Entry<String, Object> attribute : node.attributes().entrySet()) {
            xml.writeAttribute(attribute.getKey(), clean(Texts.text(attribute.getValue())));
        }
        if (node.text().isPresent()) {
            xml.writeCharacters(clean(Texts.text(node.text().get())));
        }
        for (Map.Entry<String, Node.Content> entry : node.content().entrySet()) {
            Node.Content content = entry.getValue();
            if (content instanceof Node.One one) {
                element(xml, one.node());
            } else if (content instanceof Node.Many many) {
                for (Node child : many.nodes()) {
                    element(xml, child);
                }
            } else {
                for (Object value : ((Node.Values) content).values()) {
                    xml.writeStartElement(entry.getKey());
                    xml.writeCharacters(clean(Texts.text(value)));
                    xml.writeEndElement();
                }
            }
        }
    }

    /** The text without what XML 1.0 cannot carry. */
    static String clean(String text) {
        StringBuilder kept = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ok;
            if (Character.isHighSurrogate(c)) {
                ok = i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
                if (ok) {
                    if (kept != null) {
                        kept.append(c).append(text.charAt(i + 1));
                    }
                    i++;
                    continue;
                }
            } else {
                ok = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD);
            }
            if (!ok && kept == null) {
                kept = new StringBuilder(text.length()).append(text, 0, i);
            } else if (ok && kept != null) {
                kept.append(c);
            }
        }
        return kept == null ? text : kept.toString();
    }
}
