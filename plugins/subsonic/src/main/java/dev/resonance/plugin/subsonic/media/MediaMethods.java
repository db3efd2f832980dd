package dev.resonance.plugin.subsonic.media;

import dev.resonance.api.client.ClientMedia;
import dev.resonance.api.client.ClientSession;
import dev.resonance.plugin.subsonic.items.Ids;
import dev.resonance.plugin.subsonic.protocol.ApiError;
import dev.resonance.plugin.subsonic.protocol.Call;
import dev.resonance.plugin.subsonic.protocol.Extension;
import dev.resonance.plugin.subsonic.protocol.Method;
import dev.resonance.plugin.subsonic.protocol.MethodGroup;
import dev.resonance.plugin.subsonic.protocol.Params;
import dev.resonance.plugin.subsonic.protocol.Reply;
import java.util.List;
import java.util.Optional;

/**
 * Audio and images, served by the core as it serves its own players: {@code stream} ({@code format}: {@code raw} for
 * the file as it is, {@code mp3}/{@code opus}/{@code aac} to transcode, absent for the server's quality decision with
 * the app password device's streaming settings; {@code maxBitRate}; {@code timeOffset} in seconds — the
 * {@code transcodeOffset} extension; {@code estimateContentLength} is not needed: files are sent with their length and
 * ranges, live transcodes without), {@code download} (the original file; needs the IssueContentDownload permission:
 * error 50) and {@code getCoverArt} (an {@code im-} id as the other answers give, or an album's, song's or artist's id;
 * {@code size} in pixels; cached by the client for a year, answered 304 to {@code If-None-Match}).
 */
public final class MediaMethods implements MethodGroup {

    @Override
    public List<Method> methods() {
        return List.of(
            Method.signedIn("stream", MediaMethods::stream),
            Method.signedIn("download", MediaMethods::download),
            Method.signedIn("getCoverArt", MediaMethods::coverArt));
    }

    @Override
    public List<Extension> extensions() {
        return List.of(new Extension("transcodeOffset", List.of(1)));
    }

    private static Reply stream(Call call) {
        Params params = call.params();
        long song = Ids.required(params, "id", Ids.Kind.SONG, "Song");
        Optional<Integer> maxBitRate = params.integer("maxBitRate").filter(kbps -> kbps > 0);
        long offsetMs = 0;
        Optional<String> offset = params.first("timeOffset");
        if (offset.isPresent()) {
            try {
                double seconds = Double.parseDouble(offset.get().strip());
                if (!(seconds >= 0) || seconds > 1_000_000) {
                    throw ApiError.invalid("timeOffset", offset.get(), "seconds from the start");
                }
                offsetMs = Math.round(seconds * 1000);
            } catch (NumberFormatException e) {
                throw ApiError.invalid("timeOffset", offset.get(), "seconds from the start");
            }
        }
        ClientMedia.StreamOptions options = new ClientMedia.StreamOptions(params.first("format").filter(f -> !f.isBlank()), maxBitRate,
            offsetMs);
        ClientSession user = call.user();
        return Reply.media((request, response) -> user.media().stream(song, options, request, response));
    }

    private static Reply download(Call call) {
        long song = Ids.required(call.params(), "id", Ids.Kind.SONG, "Song");
        ClientSession user = call.user();
        return Reply.media((request, response) -> user.media().download(song, request, response));
    }

    private static Reply coverArt(Call call) {
        Params params = call.params();
        String text = params.required("id");
        Optional<Integer> size = params.integer("size").filter(s -> s > 0).map(s -> Math.max(16, Math.min(4096, s)));
        ClientSession user = call.user();
        long image = imageOf(user, Ids.parse(text).orElseThrow(() -> ApiError.notFound("Cover art not found: " + text)), text);
        ClientMedia.Image found = user.media().image(image, size)
            .orElseThrow(() -> ApiError.notFound("Cover art not found: " + text));
        return Reply.media((request, response) -> {
            response.setHeader("ETag", found.etag());
            response.setHeader("Cache-Control", "private, max-age=31536000");
            String match = request.getHeader("If-None-Match");
            if (match != null && match.contains(found.etag())) {
                response.setStatus(304);
                return;
            }
            response.setStatus(200);
            response.setContentType(found.contentType());
            response.setContentLength(found.bytes().length);
            if (!"HEAD".equals(request.getMethod())) {
                response.getOutputStream().write(found.bytes());
            }
        });
    }

    /** The image an id stands for: itself, or the cover of the album or song, or the artist's picture. */
    private static long imageOf(ClientSession user, Ids.Id id, String text) {
        Optional<Long> image = switch (id.kind()) {
            case IMAGE -> Optional.of(id.id());
            case ALBUM -> user.catalog().album(id.id()).flatMap(a -> a.album().coverImageId());
            case SONG -> user.catalog().song(id.id()).flatMap(s -> s.coverImageId());
            case ARTIST -> user.catalog().artist(id.id()).flatMap(a -> a.artist().imageId());
            default -> Optional.empty();
        };
        return image.orElseThrow(() -> ApiError.notFound("Cover art not found: " + text));
    }
}
