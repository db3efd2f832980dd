package dev.resonance.impl.db;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Config Admin PID {@code resonance.core.db}; defaults shipped in {@code etc/resonance.core.db.cfg}. */
@ObjectClassDefinition(name = "Resonance database",
        description = "PostgreSQL connection. Leave the URL empty to run an embedded PostgreSQL under the data directory. "
                + "Environment variables DB_URL, DB_USER and DB_PASSWORD map onto these settings.")
public @interface DatabaseConfig {

    String PID = "resonance.core.db";

    @AttributeDefinition(name = "JDBC URL (DB_URL)", required = false,
            description = "jdbc:postgresql://host:5432/database. Empty: embedded PostgreSQL.")
    String url() default "";

    @AttributeDefinition(name = "User (DB_USER)", required = false)
    String user() default "resonance";

    @AttributeDefinition(name = "Password (DB_PASSWORD)", type = AttributeType.PASSWORD, required = false)
    String password() default "";

    @AttributeDefinition(name = "Maximum pooled connections", min = "1", max = "200")
    int maxPoolSize() default 16;

    @AttributeDefinition(name = "Connect timeout (seconds)", min = "1", max = "120")
    int connectTimeoutSeconds() default 5;

    @AttributeDefinition(name = "Retry interval while unreachable (seconds)", min = "1", max = "3600")
    int retrySeconds() default 5;

    @AttributeDefinition(name = "Planner random_page_cost for Resonance's connections", min = "0", max = "100",
            description = "Set on each pooled connection. PostgreSQL's default (4) prices an index probe as a disk seek, so on a"
                    + " catalog that lives in memory it prefers scanning whole tables for browse pages (2-4x slower at 100k"
                    + " tracks). 1.1 suits SSDs and cached data. 0 keeps the server's own setting.")
    double randomPageCost() default 1.1;

    @AttributeDefinition(name = "Embedded PostgreSQL port", min = "0", max = "65535",
            description = "0 picks a free port on 127.0.0.1 at each start.")
    int embeddedPort() default 0;
}
