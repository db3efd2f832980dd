package dev.resonance.plugin.subsonic.protocol;

import dev.resonance.plugin.subsonic.response.JsonFormat;
import dev.resonance.plugin.subsonic.response.Node;
import dev.resonance.plugin.subsonic.response.XmlFormat;
import java.util.Optional;

/** The formats of {@code f}: {@code xml} (the default) and {@code json}. */
public enum Format {
    XML(XmlFormat.CONTENT_TYPE),
    JSON(JsonFormat.CONTENT_TYPE);

    private final String contentType;

    Format(String contentType) {
        this.contentType = contentType;
    }

    public String contentType() {
        return contentType;
    }

    public byte[] write(Node root) {
        return this == XML ? XmlFormat.write(root) : JsonFormat.write(root);
    }

    /** The format a request asks for, and the error to answer in it instead when it is not one we write. */
    record Choice(Format format, Optional<ApiError> refusal) {
    }

    /**
     * {@code jsonp} is refused in JSON: a script include would hand the user's library (and, with credentials in the
     * URL, a way in) to any web page, and clients have long used CORS instead. Anything else unknown is refused in XML.
     */
    static Choice of(Params params) {
        String f = params.first("f").orElse("xml");
        switch (f) {
            case "xml":
                return new Choice(XML, Optional.empty());
            case "json":
                return new Choice(JSON, Optional.empty());
            case "jsonp":
                return new Choice(JSON, Optional.of(new ApiError(ErrorCode.GENERIC,
                    "f=jsonp is not supported: ask for f=json (this server does not answer JSONP).")));
            default:
                return new Choice(XML, Optional.of(ApiError.invalid("f", f, "xml or json")));
        }
    }
}
