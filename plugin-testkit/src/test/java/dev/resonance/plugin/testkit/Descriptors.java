package dev.resonance.plugin.testkit;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Descriptors for the tests, from JSON text with the permissions given. */
final class Descriptors {

    private Descriptors() {
    }

    static Descriptor read(String json) {
        try {
            return Descriptor.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "test.json");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A valid descriptor of plugin "sample" whose "permissions" object is {@code permissions}. */
    static Descriptor withPermissions(String permissions) {
        return read("""
            {"id": "sample", "name": "Sample", "author": "Tests", "description": "A sample plugin",
             "license": "Apache-2.0", "api": "[1.1,2)", "capabilities": ["LyricsProvider"],
             "permissions": %s}
            """.formatted(permissions));
    }
}
