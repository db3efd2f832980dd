package dev.resonance.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Process checks for tests that must prove nothing is left running. */
public final class Processes {

    private Processes() {
    }

    /**
     * Whether {@code pid} is a live process. A zombie (exited, waiting to be reaped) does not count: in containers
     * whose PID 1 does not reap orphans, a daemon that exited cleanly stays visible as a zombie.
     */
    public static boolean isRunning(long pid) {
        if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // "pid (comm) S ..." - the state follows the last ')'
            char state = stat.substring(stat.lastIndexOf(')') + 2).charAt(0);
            return state != 'Z' && state != 'X';
        } catch (IOException e) {
            return false; // gone between the two checks
        }
    }

    /** Live processes whose command line contains {@code fragment} (e.g. a data directory). */
    public static List<ProcessHandle> runningWithArgument(String fragment) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains(fragment)).orElse(false))
                .filter(p -> isRunning(p.pid()))
                .toList();
    }
}
