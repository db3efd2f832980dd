package dev.resonance.api.auth;

import java.util.Arrays;
import java.util.Optional;

/** What a user may do. JSON and URLs use the PascalCase {@link #apiName()} (e.g. {@code AccessCatalog}). */
public enum Permission {
    ACCESS_CATALOG("AccessCatalog"),
    LIKE_CONTENT("LikeContent"),
    OWN_PLAYLISTS("OwnPlaylists"),
    EDIT_CATALOG("EditCatalog"),
    MANAGE_PERMISSIONS("ManagePermissions"),
    ISSUE_CONTENT_DOWNLOAD("IssueContentDownload"),
    REBOOT_SERVER("RebootServer"),
    VIEW_ANALYTICS("ViewAnalytics"),
    /** Install, enable, configure, upgrade and remove plugins (since 1.1). */
    MANAGE_PLUGINS("ManagePlugins");

    private final String apiName;

    Permission(String apiName) {
        this.apiName = apiName;
    }

    public String apiName() {
        return apiName;
    }

    /** Accepts the API name ({@code AccessCatalog}) or the constant name ({@code ACCESS_CATALOG}), any case. */
    public static Optional<Permission> parse(String name) {
        return Arrays.stream(values())
                .filter(p -> p.apiName.equalsIgnoreCase(name) || p.name().equalsIgnoreCase(name))
                .findFirst();
    }
}
