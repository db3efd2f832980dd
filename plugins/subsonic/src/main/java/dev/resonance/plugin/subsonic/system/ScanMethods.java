package dev.resonance.plugin.subsonic.system;

import dev.resonance.api.client.ClientCatalog;
import dev.resonance.plugin.subsonic.protocol.Call;
import dev.resonance.plugin.subsonic.protocol.Method;
import dev.resonance.plugin.subsonic.protocol.MethodGroup;
import dev.resonance.plugin.subsonic.protocol.Reply;
import dev.resonance.plugin.subsonic.response.Node;
import java.util.List;

/**
 * {@code getScanStatus} and {@code startScan}: the core's library scan — whether one runs and how many files it has
 * looked at (or the last scans found). Starting one needs the EditCatalog permission (error 50), as in the web app;
 * {@code fullScan=true} (OpenSubsonic) reads every file again, otherwise only what changed.
 */
public final class ScanMethods implements MethodGroup {

    @Override
    public List<Method> methods() {
        return List.of(
            Method.signedIn("getScanStatus", ScanMethods::status),
            Method.signedIn("startScan", call -> {
                boolean full = call.params().first("fullScan").map(f -> f.strip().equalsIgnoreCase("true")).orElse(false);
                call.user().actions().startScan(full);
                return status(call);
            }));
    }

    private static Reply status(Call call) {
        ClientCatalog.ScanStatus status = call.catalog().scanStatus();
        return Reply.of(Node.of("scanStatus").attr("scanning", status.scanning()).attr("count", status.count()));
    }
}
