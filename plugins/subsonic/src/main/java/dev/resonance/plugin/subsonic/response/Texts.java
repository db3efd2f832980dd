package dev.resonance.plugin.subsonic.response;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** How a value is written as text, the same in XML and JSON (where it is a string). */
final class Texts {

    private Texts() {
    }

    static String text(Object value) {
        if (value instanceof Instant instant) {
            return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.MILLIS));
        }
        return String.valueOf(value);
    }
}
