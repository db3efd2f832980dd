package dev.resonance.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The processes of one running server, read from /proc: the JVM, every descendant (its embedded PostgreSQL's postmaster
 * and backends, initdb while it runs), and any postgres running on the server's data directory that was reparented
 * away from it. Used for the memory of the whole tree and to make sure nothing of a stopped server is left.
 */
final class ProcessTree {

    private ProcessTree() {
    }

    /** {@code root}, its descendants, and the postgres processes of {@code dataDir} (may be null) with theirs. */
    static Set<Long> pids(long root, Path dataDir) {
        Set<Long> out = new LinkedHashSet<>();
        addWithDescendants(root, out);
        if (dataDir != null) {
            for (long pid : postgresOf(dataDir)) {
                addWithDescendants(pid, out);
            }
        }
        return out;
    }

    /** "pid name PSS" of every process of the tree, for the log. */
    static String describe(long root, Path dataDir) {
        return pids(root, dataDir).stream().map(pid -> {
            String name;
            try {
                name = Files.readString(Path.of("/proc/" + pid + "/comm")).strip();
            } catch (IOException e) {
                name = "?";
            }
            return pid + " " + name + " " + pssKb(pid) / 1024 + " MiB";
        }).collect(java.util.stream.Collectors.joining(", "));
    }

    /** Sum of {@code Pss:} (KiB) of /proc/&lt;pid&gt;/smaps_rollup over {@link #pids}. */
    static long pssKb(long root, Path dataDir) {
        long sum = 0;
        for (long pid : pids(root, dataDir)) {
            sum += Math.max(0, pssKb(pid));
        }
        return sum;
    }

    /** {@code Pss:} of one process in KiB, -1 if it is gone. */
    static long pssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/smaps_rollup"))) {
                if (line.startsWith("Pss:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | RuntimeException gone) {
            // exited
        }
        return -1;
    }

    /** utime + stime of the processes of the tree other than {@code root} (its PostgreSQL), in seconds. */
    static double childrenCpuSeconds(long root, Path dataDir) {
        return pids(root, dataDir).stream().filter(p -> p != root).mapToDouble(ScanBench::cpuSeconds).sum();
    }

    private static void addWithDescendants(long root, Set<Long> out) {
        Deque<Long> todo = new ArrayDeque<>(List.of(root));
        while (!todo.isEmpty()) {
            long pid = todo.pop();
            if (!out.add(pid)) {
                continue;
            }
            try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/" + pid + "/task"))) {
                for (Path task : tasks) {
                    try {
                        for (String child : Files.readString(task.resolve("children")).trim().split("\\s+")) {
                            if (!child.isEmpty()) {
                                todo.push(Long.parseLong(child));
                            }
                        }
                    } catch (IOException | RuntimeException threadGone) {
                        // the thread ended meanwhile
                    }
                }
            } catch (IOException | RuntimeException gone) {
                out.remove(pid);
            }
        }
    }

    /**
     * Live postgres processes with an argument under {@code dataDir} (the postmaster: its binary and -D both lie under
     * the data directory; its backends are its children, see {@link #pids}).
     */
    static List<Long> postgresOf(Path dataDir) {
        String dir = dataDir.toAbsolutePath().normalize().toString();
        return ProcessHandle.allProcesses().filter(p -> {
            try {
                String[] argv = new String(Files.readAllBytes(Path.of("/proc/" + p.pid() + "/cmdline")), StandardCharsets.UTF_8)
                        .split("\0");
                return argv.length > 0 && Path.of(argv[0]).getFileName() != null
                        && Path.of(argv[0]).getFileName().toString().equals("postgres")
                        && Arrays.stream(argv).anyMatch(a -> a.equals(dir) || a.startsWith(dir + "/"));
            } catch (IOException | RuntimeException e) {
                return false;
            }
        }).map(ProcessHandle::pid).toList();
    }

    /**
     * Waits up to {@code seconds} for every postgres of {@code dataDir} to exit; then stops what is left (SIGTERM,
     * then SIGKILL after 10 s). Returns how many were still running after the wait (0: the server stopped its own).
     */
    static int awaitPostgresGone(Path dataDir, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        List<Long> left = postgresOf(dataDir);
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(200);
            left = postgresOf(dataDir);
        }
        for (long pid : left) {
            ProcessHandle.of(pid).ifPresent(p -> {
                p.destroy();
                try {
                    p.onExit().get(10, TimeUnit.SECONDS);
                } catch (Exception stillThere) {
                    p.destroyForcibly();
                }
            });
        }
        return left.size();
    }
}
