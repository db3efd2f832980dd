package dev.resonance.impl.library;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Config Admin PID {@code resonance.core.library}; defaults shipped in {@code etc/resonance.core.library.cfg}. */
@ObjectClassDefinition(name = "Resonance library", description = "Scanning the music folder (MUSIC_LIBRARY_PATH).")
public @interface LibraryConfig {

    String PID = "resonance.core.library";

    @AttributeDefinition(name = "Quick scan when the server starts")
    boolean scanOnStartup() default true;

    @AttributeDefinition(name = "Watch the folders and scan what changes")
    boolean watch() default true;

    @AttributeDefinition(name = "Quiet time before a change is scanned (seconds)", min = "1", max = "600")
    int watchDebounceSeconds() default 3;

    @AttributeDefinition(name = "Parallel tag readers (0 = one per CPU core)", min = "0", max = "64")
    int readers() default 0;

    @AttributeDefinition(name = "Purge tracks missing for more than (days)", min = "0", max = "3650")
    int purgeMissingDays() default 30;
}
