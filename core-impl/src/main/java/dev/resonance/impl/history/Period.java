package dev.resonance.impl.history;

import dev.resonance.impl.input.InvalidInput;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * A stats window, relative to now (UTC, rolling, not calendar): the last 7 days, 30 days, 365 days, or everything.
 * Rolling windows make "this week" the same for every user wherever they live, and a window never starts empty on a
 * Monday.
 */
public enum Period {
    WEEK(Optional.of(Duration.ofDays(7))), MONTH(Optional.of(Duration.ofDays(30))), YEAR(Optional.of(Duration.ofDays(365))),
    ALL(Optional.empty());

    private final Optional<Duration> length;

    Period(Optional<Duration> length) {
        this.length = length;
    }

    /** The start of the window ending {@code now}; empty for {@link #ALL}. */
    public Optional<Instant> since(Instant now) {
        return length.map(now::minus);
    }

    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The period named in a query ({@code week|month|year|all}); 400 otherwise. */
    public static Period parse(String name) {
        return Arrays.stream(values()).filter(p -> p.apiName().equals(name)).findFirst()
                .orElseThrow(() -> new InvalidInput("period", "must be one of week, month, year, all"));
    }
}
