package dev.resonance.plugin.subsonic.response;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

class XmlFormatTest {

    @Test
    void whatXmlCannotCarryIsLeftOutAndTheRestIsEscaped() throws Exception {
        Node root = Node.of("subsonic-response").attr("title", "a\u0001b<\"&>\uD83C\uDFB5\uD800")
            .child(Node.of("genre").text("Rock & Roll\u0000"));

        byte[] xml = XmlFormat.write(root);

        Element parsed = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(xml))
            .getDocumentElement();
        assertThat(parsed.getAttribute("title")).isEqualTo("ab<\"&>\uD83C\uDFB5");
        assertThat(parsed.getTextContent()).isEqualTo("Rock & Roll");
        assertThat(XmlFormat.clean("plain")).isSameAs("plain");
    }
}
