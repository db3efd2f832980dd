package dev.resonance.impl.db;

import java.util.regex.Pattern;

/** Checks and describes JDBC URLs without ever exposing a password that may be embedded in them. */
final class JdbcUrls {

    private static final Pattern PASSWORD_PARAM = Pattern.compile("(?i)([?&]password=)[^&]*");
    private static final Pattern USER_INFO = Pattern.compile("//[^/@]*@");

    private JdbcUrls() {
    }

    /** A reason why {@code url} cannot be used, or {@code null} when it looks like a PostgreSQL JDBC URL. */
    static String problemWith(String url) {
        if (!url.startsWith("jdbc:postgresql://")) {
            return "DB_URL must look like jdbc:postgresql://host:5432/database (got " + redact(url) + ")";
        }
        String rest = url.substring("jdbc:postgresql://".length());
        int slash = rest.indexOf('/');
        if (slash <= 0 || slash == rest.length() - 1) {
            return "DB_URL must name a host and a database: jdbc:postgresql://host:5432/database (got " + redact(url) + ")";
        }
        return null;
    }

    /** The URL with any password parameter or user-info part masked, safe for logs and health output. */
    static String redact(String url) {
        String masked = PASSWORD_PARAM.matcher(url).replaceAll("$1***");
        return USER_INFO.matcher(masked).replaceAll("//***@");
    }
}
