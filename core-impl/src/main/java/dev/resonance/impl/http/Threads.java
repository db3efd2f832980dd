package dev.resonance.impl.http;

import java.util.Map;
import java.util.function.Predicate;

/** A few lines per thread for a log: what the named threads are doing when something takes too long. */
final class Threads {

    private static final int FRAMES = 8;

    private Threads() {
    }

    /** Each live thread whose name {@code matches}: name, state and its top frames, one block per thread. */
    static String summary(Predicate<String> matches) {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<Thread, StackTraceElement[]> entry : Thread.getAllStackTraces().entrySet()) {
            Thread thread = entry.getKey();
            if (!matches.test(thread.getName())) {
                continue;
            }
            out.append("\n  \"").append(thread.getName()).append("\" ").append(thread.getState());
            StackTraceElement[] frames = entry.getValue();
            for (int i = 0; i < Math.min(FRAMES, frames.length); i++) {
                out.append("\n      at ").append(frames[i]);
            }
        }
        return out.length() == 0 ? " (none)" : out.toString();
    }
}
