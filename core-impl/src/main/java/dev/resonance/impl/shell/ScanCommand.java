package dev.resonance.impl.shell;

import dev.resonance.api.error.ResonanceException;
import dev.resonance.impl.library.LibraryService;
import dev.resonance.impl.library.scan.ScanProgress;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/**
 * {@code resonance:scan [--full] [--library ID] [--no-wait]}: starts a library scan (or follows the one running)
 * and draws a live progress bar until it ends, then prints the summary and the first problems.
 */
@Command(scope = "resonance", name = "scan", description = "Scans the music library, showing live progress")
@Service
public class ScanCommand extends OperatorCommand {

    @Reference
    LibraryService library;

    @Option(name = "--full", description = "Re-read every file, not only new and changed ones")
    boolean full;

    @Option(name = "--library", description = "Only this library id (default: all)")
    Long libraryId;

    @Option(name = "--no-wait", description = "Start the scan and return at once")
    boolean noWait;

    /** How often the bar is redrawn; tests make it short. */
    Duration refresh = Duration.ofMillis(250);

    public ScanCommand() {
    }

    @Override
    void run(PrintStream out) {
        try {
            library.startScan(full, Optional.ofNullable(libraryId));
            out.println("Started a " + (full ? "full" : "quick") + " scan");
        } catch (ResonanceException e) {
            if (!"scan_running".equals(e.code())) {
                throw e;
            }
            out.println("A scan is already running: following it");
        }
        if (noWait) {
            return;
        }
        try {
            while (library.status().running()) {
                library.status().current().ifPresent(s -> out.print("\r" + bar(s)));
                out.flush();
                Thread.sleep(refresh.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            out.println();
            out.println("Stopped following; the scan goes on (resonance:scan follows it again)");
            return;
        }
        out.println();
        for (ScanProgress.Snapshot s : library.status().last()) {
            out.printf(Locale.ROOT, "Library %d: %s, %d files seen, %d read, %d added, %d updated, %d moved, %d missing, %d errors, %.0f files/s%n",
                    s.libraryId(), s.state(), s.filesSeen(), s.processed(), s.added(), s.updated(), s.moved(), s.missing(), s.errors(),
                    s.filesPerSecond());
            s.problems().stream().limit(10).forEach(p -> out.println("  " + p.path() + ": " + p.reason()));
            if (s.errors() > 10) {
                out.println("  … " + (s.errors() - 10) + " more (GET /api/v1/library/scan)");
            }
        }
    }

    static String bar(ScanProgress.Snapshot s) {
        int width = 30;
        double fraction = s.toRead() == 0 ? 0 : Math.min(1.0, (double) s.processed() / s.toRead());
        int filled = (int) Math.round(fraction * width);
        return String.format(Locale.ROOT, "[%s%s] %3d%% %s %d/%d files, %.0f files/s%s%s",
                "#".repeat(filled), ".".repeat(width - filled), Math.round(fraction * 100), s.state(), s.processed(), s.toRead(),
                s.filesPerSecond(), s.etaSeconds().map(eta -> ", ETA " + eta + " s").orElse(""),
                s.errors() > 0 ? ", " + s.errors() + " errors" : "");
    }
}
