package dev.resonance.impl.sync;

import dev.resonance.api.auth.Permission;
import dev.resonance.impl.library.scan.ScanProgress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Library scan progress for the web app: a {@code library.scan} frame once a second while a scan runs on this node,
 * and one with the final state, to every socket here whose user may browse the catalog (the same audience as
 * {@code GET /api/v1/library/scan}). Not a user event: nothing is logged, nothing crosses nodes (the scan status,
 * like the endpoint's, belongs to the node that runs the scan).
 */
final class ScanFeed implements Consumer<ScanProgress.Snapshot> {

    private final SyncHub hub;

    ScanFeed(SyncHub hub) {
        this.hub = hub;
    }

    @Override
    public void accept(ScanProgress.Snapshot s) {
        hub.broadcast(frame(s), caller -> caller.has(Permission.ACCESS_CATALOG));
    }

    /** The frame: the snapshot's counters without the list of problems (that stays behind the REST endpoint). */
    static String frame(ScanProgress.Snapshot s) {
        Map<String, Object> scan = new LinkedHashMap<>();
        scan.put("state", s.state());
        scan.put("kind", s.kind());
        scan.put("libraryId", s.libraryId());
        scan.put("startedAt", s.startedAt());
        s.finishedAt().ifPresent(at -> scan.put("finishedAt", at));
        scan.put("filesSeen", s.filesSeen());
        scan.put("toRead", s.toRead());
        scan.put("processed", s.processed());
        scan.put("added", s.added());
        scan.put("updated", s.updated());
        scan.put("moved", s.moved());
        scan.put("missing", s.missing());
        scan.put("errors", s.errors());
        scan.put("filesPerSecond", s.filesPerSecond());
        s.etaSeconds().ifPresent(eta -> scan.put("etaSeconds", eta));
        return Frames.frame("library.scan", Map.of("scan", scan));
    }
}
