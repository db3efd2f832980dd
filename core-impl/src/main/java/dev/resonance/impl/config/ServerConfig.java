package dev.resonance.impl.config;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Config Admin PID {@code resonance.core.server}; defaults shipped in {@code etc/resonance.core.server.cfg}. */
@ObjectClassDefinition(name = "Resonance server",
        description = "Server-wide settings. Environment variables PORT, MUSIC_LIBRARY_PATH, RESONANCE_DATA_DIR and METRICS_TOKEN map onto them.")
public @interface ServerConfig {

    String PID = "resonance.core.server";

    @AttributeDefinition(name = "HTTP port (PORT)", min = "1", max = "65535")
    int httpPort() default 8080;

    @AttributeDefinition(name = "Music library folder (MUSIC_LIBRARY_PATH)",
            description = "Absolute path of the folder to scan. Empty: no folder yet.", required = false)
    String musicLibraryPath() default "";

    @AttributeDefinition(name = "Data directory (RESONANCE_DATA_DIR)",
            description = "Where Resonance keeps its files (embedded database, caches). Empty: <karaf.data>/resonance.",
            required = false)
    String dataDirectory() default "";

    @AttributeDefinition(name = "Metrics token (METRICS_TOKEN)", type = AttributeType.PASSWORD, required = false,
            description = "A scraper reads /metrics with 'Authorization: Bearer <this token>'. Empty: only signed-in users"
                    + " with the ViewAnalytics permission can. Takes effect at once; nothing restarts.")
    String metricsToken() default "";
}
