package dev.resonance.impl.stream;

import dev.resonance.api.error.ResonanceException;
import dev.resonance.impl.stream.transcode.TranscodeFormat;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code ?format=&bitrate=&offset=} parsed strictly: a format named exactly ({@code opus}, {@code mp3}, {@code aac},
 * or {@code original}), a bitrate of plain digits inside the format's range, an offset of plain seconds with at
 * most three decimals. Anything else is a 400 — nothing is guessed, trimmed or passed on as text.
 *
 * @param format       the format asked for; empty = let the quality decision choose
 * @param original     {@code format=original}: the file as it is
 * @param bitrateKbps  with a format, the bitrate to encode at; without one, the most the client wants
 * @param offsetMillis where to start in the track
 */
public record StreamParameters(Optional<TranscodeFormat> format, boolean original, Optional<Integer> bitrateKbps, long offsetMillis) {

    static final String ORIGINAL = "original";
    private static final Pattern BITRATE = Pattern.compile("[0-9]{1,4}");
    private static final Pattern OFFSET = Pattern.compile("[0-9]{1,6}(\\.[0-9]{1,3})?");
    /** Bitrates a client may state as its cap without naming a format. */
    public static final int MIN_CAP_KBPS = 32;
    public static final int MAX_CAP_KBPS = 9999;

    public static final StreamParameters NONE = new StreamParameters(Optional.empty(), false, Optional.empty(), 0);

    /** Parses the query parameters of a request ({@code ServletRequest.getParameterMap()}). */
    public static StreamParameters parse(Map<String, String[]> query) {
        Optional<String> formatName = single(query, "format");
        Optional<String> bitrateText = single(query, "bitrate");
        Optional<String> offsetText = single(query, "offset");
        boolean original = formatName.filter(ORIGINAL::equals).isPresent();
        Optional<TranscodeFormat> format = Optional.empty();
        if (formatName.isPresent() && !original) {
            format = TranscodeFormat.byName(formatName.get());
            if (format.isEmpty()) {
                throw ResonanceException.invalid("invalid_format", "format must be one of opus, mp3, aac, original");
            }
        }
        Optional<Integer> bitrate = Optional.empty();
        if (bitrateText.isPresent()) {
            if (!BITRATE.matcher(bitrateText.get()).matches()) {
                throw ResonanceException.invalid("invalid_bitrate", "bitrate must be a whole number of kbit/s");
            }
            int kbps = Integer.parseInt(bitrateText.get());
            int min = format.map(TranscodeFormat::minKbps).orElse(MIN_CAP_KBPS);
            int max = format.map(TranscodeFormat::maxKbps).orElse(MAX_CAP_KBPS);
            if (kbps < min || kbps > max) {
                throw ResonanceException.invalid("invalid_bitrate", "bitrate must be between " + min + " and " + max
                        + format.map(f -> " for " + f.apiName()).orElse(""));
            }
            bitrate = Optional.of(kbps);
        }
        long offset = 0;
        if (offsetText.isPresent()) {
            if (!OFFSET.matcher(offsetText.get()).matches()) {
                throw ResonanceException.invalid("invalid_offset", "offset must be seconds from the start, e.g. 30 or 30.5");
            }
            String[] parts = offsetText.get().split("\\.");
            String fraction = parts.length > 1 ? (parts[1] + "00").substring(0, 3) : "000";
            offset = Long.parseLong(parts[0]) * 1000 + Long.parseLong(fraction);
        }
        if (offset > 0 && format.isEmpty() && original) {
            throw ResonanceException.invalid("invalid_offset", "offset needs a transcode; the original file is read with Range requests");
        }
        return new StreamParameters(format, original, bitrate, offset);
    }

    static Optional<String> single(Map<String, String[]> query, String name) {
        String[] values = query.get(name);
        if (values == null || values.length == 0) {
            return Optional.empty();
        }
        if (values.length > 1) {
            throw ResonanceException.invalid("invalid_" + name, name + " is given more than once");
        }
        return Optional.of(values[0]);
    }

    /** Whether the request says nothing about quality (the decision uses the client profile and device settings). */
    public boolean explicit() {
        return format.isPresent() || original;
    }
}
