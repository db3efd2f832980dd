package dev.resonance.impl.input;

import java.util.ArrayList;
import java.util.List;

/** A query parameter that lists ids: comma-separated positive numbers, at most a given count. */
public final class IdList {

    private IdList() {
    }

    /**
     * The ids of {@code text} in their order (blank: none).
     *
     * @throws InvalidInput naming {@code parameter} for anything but comma-separated positive ids, or more than {@code max}
     */
    public static List<Long> parse(String parameter, String text, int max) {
        List<Long> ids = new ArrayList<>();
        if (text.isBlank()) {
            return ids;
        }
        for (String part : text.split(",", -1)) {
            long id;
            try {
                id = Long.parseLong(part.strip());
            } catch (NumberFormatException e) {
                throw new InvalidInput(parameter, "must be comma-separated track ids");
            }
            if (id < 1) {
                throw new InvalidInput(parameter, "must be comma-separated track ids");
            }
            ids.add(id);
            if (ids.size() > max) {
                throw new InvalidInput(parameter, "at most " + max + " track ids");
            }
        }
        return ids;
    }
}
