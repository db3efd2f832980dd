package dev.resonance.paxexam;

import static org.ops4j.pax.exam.CoreOptions.environment;
import static org.ops4j.pax.exam.CoreOptions.options;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.CoreOptions.vmOptions;
import static org.ops4j.pax.exam.CoreOptions.when;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureSecurity;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.doNotModifyLogConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.keepRuntimeFolder;

import dev.resonance.testing.Ffmpeg;
import dev.resonance.testing.FreePorts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ops4j.pax.exam.Option;

/**
 * The Pax Exam configuration, built in the test JVM (never in Karaf): the distribution the reactor just assembled
 * (its tar.gz, unpacked under {@code target/paxexam/}, deleted after the run unless {@code -Dresonance.paxexam.keep}),
 * started the way {@code bin/resonance} starts it — the launcher's environment variables (PORT, MUSIC_LIBRARY_PATH,
 * RESONANCE_ADMIN_USER/PASSWORD, read by {@code etc/resonance.core.*.cfg}), its JVM flags, the embedded PostgreSQL —
 * on random ports bound to 127.0.0.1, with a music folder generated before the boot.
 */
final class ResonanceDistribution {

    static final String ADMIN = "root";
    static final String ADMIN_PASSWORD = "paxexam-root-password";

    /** System properties the test reads inside Karaf. */
    static final String PORT = "resonance.paxexam.port";
    static final String MUSIC = "resonance.paxexam.music";
    static final String RUN = "resonance.paxexam.run";
    static final String FFMPEG = "resonance.paxexam.ffmpeg";

    private ResonanceDistribution() {
    }

    static Option[] boot() throws IOException {
        Path distribution = Path.of(System.getProperty("resonance.distribution", "../assembly/target/missing.tar.gz"));
        if (!Files.isRegularFile(distribution)) {
            throw new IllegalStateException("the assembled distribution is missing: " + distribution
                + " (build with: mvn -pl karaf-distribution/paxexam -am verify)");
        }
        Path work = Files.createDirectories(Path.of(System.getProperty("resonance.paxexam.work", "target/paxexam")).toAbsolutePath());
        Path run = Files.createTempDirectory(work, "run-");
        Path music = Music.generate(run.resolve("music"));
        Path examRepository = Path.of(System.getProperty("resonance.paxexam.examRepository", "target/exam-repository")).toAbsolutePath();
        String httpPort = Integer.toString(FreePorts.pick());
        String sshPort = Integer.toString(FreePorts.pick());
        boolean keep = Boolean.getBoolean("resonance.paxexam.keep");

        return options(
            karafDistributionConfiguration().frameworkUrl(distribution.toUri().toString()).name("Resonance")
                .karafVersion("4.4.10").unpackDirectory(run.resolve("karaf").toFile()).useDeployFolder(false),
            when(keep).useOptions(keepRuntimeFolder()),
            // the distribution's own logging (data/log/karaf.log, INFO), not Pax Exam's
            doNotModifyLogConfiguration(),
            configureConsole().ignoreLocalConsole().ignoreRemoteShell(),
            configureSecurity().disableKarafMBeanServerBuilder(),

            // what bin/resonance passes: the environment the etc/resonance.core.*.cfg files read
            environment("PORT=" + httpPort),
            environment("BIND_ADDRESS=127.0.0.1"),
            environment("MUSIC_LIBRARY_PATH=" + music),
            environment("RESONANCE_ADMIN_USER=" + ADMIN),
            environment("RESONANCE_ADMIN_PASSWORD=" + ADMIN_PASSWORD),
            environment("MALLOC_ARENA_MAX=2"),
            // ... and its JVM (bin/resonance: heap, collector, JIT; bin/karaf: the module flags of Java 9+)
            vmOptions("-Xms32M", "-Xmx160M", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Djdk.nio.maxCachedBufferSize=262144", "-Djava.awt.headless=true", "-Djava.io.tmpdir=data/tmp"),
            vmOptions(java9ModuleFlags()),

            // the transcode is paced at realtime after a 5 s burst, so its ffmpeg runs through every plugin step
            editConfigurationFilePut("etc/resonance.core.stream.cfg", "runAheadSeconds", "5"),
            editConfigurationFilePut("etc/resonance.core.stream.cfg", "pacingSpeed", "1.0"),
            // the API load is one user asking ~40 times a second, more than the default read budget: no budget, so
            // that a 429 never hides (or fakes) what a plugin swap does to requests
            editConfigurationFilePut("etc/resonance.core.auth.cfg", "readPerMinute", "0"),
            // no SSH console is installed; should one be, it listens on a random port of 127.0.0.1 only
            editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshPort", sshPort),
            editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshHost", "127.0.0.1"),
            // Karaf resolves its own features from system/ and Pax Exam's "exam" feature from target/exam-repository:
            // no remote repository, no ~/.m2
            editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.repositories", ""),
            editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.localRepository",
                examRepository.toString()),
            editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.defaultRepositories",
                "${karaf.home.uri}${karaf.default.repository}@id=system.repository@snapshots,"
                    + "${karaf.data.uri}kar@id=kar.repository@multi@snapshots,"
                    + examRepository.toUri() + "@id=exam.repository"),

            systemProperty(PORT).value(httpPort),
            systemProperty(MUSIC).value(music.toString()),
            systemProperty(RUN).value(run.toString()),
            systemProperty(FFMPEG).value(Ffmpeg.path().toString()));
    }

    /** What {@code bin/karaf} adds on Java 9 and later (paths relative to the Karaf folder, Pax Exam's working directory). */
    private static String[] java9ModuleFlags() {
        return new String[] {
            "--add-reads=java.xml=java.logging",
            "--add-exports=java.base/org.apache.karaf.specs.locator=java.xml,ALL-UNNAMED",
            "--patch-module", "java.base=lib/endorsed/org.apache.karaf.specs.locator-4.4.10.jar",
            "--patch-module", "java.xml=lib/endorsed/org.apache.karaf.specs.java.xml-4.4.10.jar",
            "--add-opens", "java.base/java.security=ALL-UNNAMED",
            "--add-opens", "java.base/java.net=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang=ALL-UNNAMED",
            "--add-opens", "java.base/java.util=ALL-UNNAMED",
            "--add-opens", "java.naming/javax.naming.spi=ALL-UNNAMED",
            "--add-opens", "java.rmi/sun.rmi.transport.tcp=ALL-UNNAMED",
            "--add-exports=java.base/sun.net.www.protocol.file=ALL-UNNAMED",
            "--add-exports=java.base/sun.net.www.protocol.ftp=ALL-UNNAMED",
            "--add-exports=java.base/sun.net.www.protocol.http=ALL-UNNAMED",
            "--add-exports=java.base/sun.net.www.protocol.https=ALL-UNNAMED",
            "--add-exports=java.base/sun.net.www.protocol.jar=ALL-UNNAMED",
            "--add-exports=java.base/sun.net.www.content.text=ALL-UNNAMED",
            "--add-exports=jdk.xml.dom/org.w3c.dom.html=ALL-UNNAMED",
            "--add-exports=jdk.naming.rmi/com.sun.jndi.url.rmi=ALL-UNNAMED",
            "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
            "--add-exports=java.security.sasl/com.sun.security.sasl=ALL-UNNAMED",
            "--add-exports=java.naming/com.sun.jndi.ldap=ALL-UNNAMED",
        };
    }

    /** The music folder: one long track for the realtime and the transcoded stream, one short one with a sidecar .lrc. */
    static final class Music {

        static final String LONG_TITLE = "Long";
        static final String SHORT_TITLE = "Short";
        static final int LONG_SECONDS = 60;
        static final String LONG_FILE = "Paxexam/Swap/01 long.wav";
        static final String SIDECAR_LINE_1 = "first line";
        static final String SIDECAR_LINE_2 = "second line";

        private Music() {
        }

        static Path generate(Path music) throws IOException {
            Path longTrack = music.resolve(LONG_FILE);
            Path shortTrack = music.resolve("Paxexam/Swap/02 short.mp3");
            Files.createDirectories(longTrack.getParent());
            Ffmpeg.run("-f", "lavfi", "-i", "sine=frequency=440:duration=" + LONG_SECONDS, "-ac", "2", "-c:a", "pcm_s16le",
                "-metadata", "title=" + LONG_TITLE, "-metadata", "artist=Paxexam", "-metadata", "album=Swap", longTrack.toString());
            Ffmpeg.run("-f", "lavfi", "-i", "sine=frequency=660:duration=2", "-c:a", "libmp3lame",
                "-metadata", "title=" + SHORT_TITLE, "-metadata", "artist=Paxexam", "-metadata", "album=Swap", shortTrack.toString());
            Files.writeString(music.resolve("Paxexam/Swap/02 short.lrc"),
                "[ar:Paxexam]\n[00:00.50]" + SIDECAR_LINE_1 + "\n[00:01.50]" + SIDECAR_LINE_2 + "\n");
            return music;
        }
    }
}
