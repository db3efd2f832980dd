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
            Method.signedIn("getCoverArt", MediaMethods::coverArt),
            Method.signedIn("getTranscodeDecision", MediaMethods::transcodeDecision),
            Method.signedIn("getTranscodeStream", MediaMethods::transcodeStream));
    }

    @Override
    public List<Extension> extensions() {
        return List.of(new Extension("transcodeOffset", List.of(1)), new Extension("transcoding", List.of(1)));
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    /** {@code getTranscodeDecision} (transcoding): the client's capabilities come as the JSON body of a POST. */
    private static Reply transcodeDecision(Call call) {
        Params params = call.params();
        long song = mediaSong(params);
        String body = params.body().orElseThrow(() -> ApiError.missing("ClientInfo (the client's capabilities, as the JSON body of a POST)"));
        com.fasterxml.jackson.databind.JsonNode client;
        try {
            client = JSON.readTree(body);
        } catch (java.io.IOException e) {
            throw ApiError.invalid("ClientInfo", body.length() > 40 ? body.substring(0, 40) : body, "a JSON object");
        }
        if (client == null || !client.isObject()) {
            throw ApiError.invalid("ClientInfo", body.length() > 40 ? body.substring(0, 40) : body, "a JSON object");
        }
        dev.resonance.api.client.Song found = call.catalog().song(song)
            .orElseThrow(() -> ApiError.notFound("Song not found: " + Ids.song(song)));
        TranscodeDecisions.Decision decision = TranscodeDecisions.decide(found.file(), client);
        dev.resonance.plugin.subsonic.response.Node node = dev.resonance.plugin.subsonic.response.Node.of("transcodeDecision")
            .attr("canDirectPlay", decision.directPlay()).attr("canTranscode", decision.canTranscode())
            .attr("errorReason", decision.error()).attr("transcodeParams", decision.params())
            .values("transcodeReason", decision.reasons());
        node.child(stream("sourceStream", decision.source()));
        decision.transcode().ifPresent(t -> node.child(stream("transcodeStream", t)));
        return Reply.of(node);
    }

    private static dev.resonance.plugin.subsonic.response.Node stream(String element, TranscodeDecisions.Stream stream) {
        dev.resonance.plugin.subsonic.response.Node node = dev.resonance.plugin.subsonic.response.Node.of(element)
            .attr("protocol", "http").attr("container", stream.container()).attr("codec", stream.codec());
        if (stream.channels() > 0) {
            node.attr("audioChannels", stream.channels());
        }
        if (stream.bitrate() > 0) {
            node.attr("audioBitrate", stream.bitrate());
        }
        if (stream.samplerate() > 0) {
            node.attr("audioSamplerate", stream.samplerate());
        }
        if (stream.bitdepth() > 0) {
            node.attr("audioBitdepth", stream.bitdepth());
        }
        return node;
    }

    /** {@code getTranscodeStream}: the stream a decision's {@code transcodeParams} named, from {@code offset} seconds. */
    private static Reply transcodeStream(Call call) {
        Params params = call.params();
        long song = mediaSong(params);
        String given = params.required("transcodeParams");
        Optional<String> format;
        Optional<Integer> kbps;
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(mp3|opus|aac)\\.([0-9]{2,4})").matcher(given);
        if (given.equals("raw")) {
            format = Optional.of("raw");
            kbps = Optional.empty();
        } else if (m.matches()) {
            format = Optional.of(m.group(1));
            kbps = Optional.of(Integer.parseInt(m.group(2)));
        } else {
            throw ApiError.invalid("transcodeParams", given, "what getTranscodeDecision answered");
        }
        long offsetMs = 0;
        Optional<Integer> offset = params.integer("offset");
        if (offset.isPresent()) {
            if (offset.get() < 0) {
                throw ApiError.invalid("offset", Integer.toString(offset.get()), "seconds from the start");
            }
            offsetMs = offset.get() * 1000L;
        }
        ClientMedia.StreamOptions options = new ClientMedia.StreamOptions(format, kbps, offsetMs);
        ClientSession user = call.user();
        return Reply.media((request, response) -> user.media().stream(song, options, request, response));
    }

    /** The song a media method names: {@code mediaId} of {@code mediaType} song (podcasts are not served: 70). */
    private static long mediaSong(Params params) {
        String type = params.required("mediaType");
        if (!type.equals("song")) {
            throw ApiError.notFound("Media not found: this server has songs only, not " + type);
        }
        return Ids.required(params, "mediaId", Ids.Kind.SONG, "Song");
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
