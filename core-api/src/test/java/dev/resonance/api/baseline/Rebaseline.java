package dev.resonance.api.baseline;

import java.nio.file.Path;

/**
 * Writes core-api's API baseline from the classes just built: run at a release, once the versions are right
 * ({@value ApiBaseline#REBASELINE}, the {@code api-baseline} profile of core-api's pom).
 */
public final class Rebaseline {

    private Rebaseline() {
    }

    /** {@code args}: the built classes folder (with bnd's manifest), the baseline file to write. */
    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: Rebaseline <classes folder> <baseline file>");
        }
        ApiBaseline.Snapshot snapshot = ApiBaseline.of(Path.of(args[0]));
        ApiBaseline.write(snapshot, Path.of(args[1]));
        System.out.println("core-api API baseline written to " + args[1] + " (Bundle-Version "
            + snapshot.bundleVersion() + ", " + snapshot.api().getChildren().length + " elements at the top)");
    }
}
