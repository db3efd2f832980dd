package dev.resonance.plugin.subsonic.users;

import dev.resonance.api.auth.Caller;
import dev.resonance.api.auth.Permission;
import dev.resonance.api.auth.Role;
import dev.resonance.api.client.ClientCatalog;
import dev.resonance.api.error.ResonanceException;
import dev.resonance.plugin.subsonic.protocol.ApiError;
import dev.resonance.plugin.subsonic.protocol.Call;
import dev.resonance.plugin.subsonic.protocol.ErrorCode;
import dev.resonance.plugin.subsonic.protocol.Method;
import dev.resonance.plugin.subsonic.protocol.MethodGroup;
import dev.resonance.plugin.subsonic.protocol.Reply;
import dev.resonance.plugin.subsonic.response.Node;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code getUser} for the signed-in user (apps such as DSub read their roles from it to show or hide what the user may
 * do: download, playlists, settings), with roles from the user's permissions and the libraries they see as folders;
 * another user's is not offered (error 50: user management is the web app's). And the empty answers of what this
 * server does not have, so that apps that always ask show an empty page instead of an error: internet radio,
 * podcasts, shares.
 */
public final class UserMethods implements MethodGroup {

    @Override
    public List<Method> methods() {
        return List.of(
            Method.signedIn("getUser", UserMethods::getUser),
            Method.signedIn("getInternetRadioStations", call -> Reply.of(Node.of("internetRadioStations"))),
            Method.signedIn("getPodcasts", call -> Reply.of(Node.of("podcasts"))),
            Method.signedIn("getNewestPodcasts", call -> Reply.of(Node.of("newestPodcasts"))),
            Method.signedIn("getShares", call -> Reply.of(Node.of("shares"))));
    }

    private static Reply getUser(Call call) {
        Caller me = call.user().caller();
        String username = call.params().required("username");
        if (!username.equalsIgnoreCase(me.username())) {
            throw new ApiError(ErrorCode.NOT_AUTHORIZED, "Not authorized: only your own user is shown here (users are managed in the web app)");
        }
        boolean admin = me.role() == Role.ADMIN;
        List<Integer> folders = new ArrayList<>();
        try {
            for (ClientCatalog.Library library : call.catalog().libraries()) {
                folders.add((int) library.id());
            }
        } catch (ResonanceException e) {
            if (e.kind() != ResonanceException.Kind.FORBIDDEN) {
                throw e;
            }
        }
        return Reply.of(Node.of("user").attr("username", me.username())
            .attr("scrobblingEnabled", true)
            .attr("adminRole", admin)
            .attr("settingsRole", true)
            .attr("downloadRole", me.has(Permission.ISSUE_CONTENT_DOWNLOAD))
            .attr("uploadRole", false)
            .attr("playlistRole", me.has(Permission.OWN_PLAYLISTS))
            .attr("coverArtRole", false)
            .attr("commentRole", false)
            .attr("podcastRole", false)
            .attr("streamRole", me.has(Permission.ACCESS_CATALOG))
            .attr("jukeboxRole", false)
            .attr("shareRole", false)
            .attr("videoConversionRole", false)
            .values("folder", folders));
    }
}
