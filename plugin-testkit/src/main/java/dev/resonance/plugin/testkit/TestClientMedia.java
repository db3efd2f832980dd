package dev.resonance.plugin.testkit;

import dev.resonance.api.auth.Caller;
import dev.resonance.api.auth.Permission;
import dev.resonance.api.client.ClientMedia;
import dev.resonance.api.error.ResonanceException;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * One user's {@link ClientMedia} over the audio and images a test gave a {@link TestClientLibrary}
 * ({@link TestClientLibrary#audio}, {@link TestClientLibrary#image}). A stream or download answers the song's bytes
 * with its content type, {@code Accept-Ranges} and a single {@code Range} as 206; the options are not applied (nothing
 * is transcoded) but recorded ({@link TestClientLibrary#streams()}), so a test sees what the plugin asked. An image is answered as
 * stored whatever the size (no scaling; the ETag names the size). Songs the user cannot see, or without audio, are
 * {@code NOT_FOUND}; a format other than {@code raw}, {@code mp3}, {@code opus}, {@code aac} is {@code INVALID};
 * downloads need {@code IssueContentDownload}, the rest {@code AccessCatalog} ({@code FORBIDDEN}).
 */
public final class TestClientMedia implements ClientMedia {

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-(\\d*)");

    private final TestClientLibrary library;
    private final TestClientCatalog view;
    private final Caller caller;

    public TestClientMedia(TestClientLibrary library, TestClientCatalog view, Caller caller) {
        this.library = Objects.requireNonNull(library, "library");
        this.view = Objects.requireNonNull(view, "view");
        this.caller = Objects.requireNonNull(caller, "caller");
    }

    private void require(Permission permission) {
        if (!caller.has(permission)) {
            throw ResonanceException.forbidden("permission_denied", "This needs the " + permission.apiName() + " permission");
        }
    }

    private TestClientLibrary.Media audio(long songId) {
        TestClientLibrary.Media media;
        synchronized (library) {
            media = library.audio.get(songId);
        }
        if (media == null || view.song(songId).isEmpty()) {
            throw ResonanceException.notFound("No song " + songId);
        }
        return media;
    }

    @Override
    public void stream(long songId, StreamOptions options, HttpServletRequest request, HttpServletResponse response) throws IOException {
        require(Permission.ACCESS_CATALOG);
        if (options.format().isPresent() && !List.of("raw", "original", "mp3", "opus", "aac").contains(options.format().get())) {
            throw ResonanceException.invalid("invalid_format", "format must be raw, mp3, opus or aac");
        }
        TestClientLibrary.Media media = audio(songId);
        synchronized (library) {
            library.streams.add("stream " + songId + " " + options);
        }
        send(media, request, response);
    }

    @Override
    public void download(long songId, HttpServletRequest request, HttpServletResponse response) throws IOException {
        require(Permission.ACCESS_CATALOG);
        require(Permission.ISSUE_CONTENT_DOWNLOAD);
        TestClientLibrary.Media media = audio(songId);
        synchronized (library) {
            library.streams.add("download " + songId);
        }
        response.setHeader("Content-Disposition", "attachment; filename=\"" + songId + "\"");
        send(media, request, response);
    }

    private static void send(TestClientLibrary.Media media, HttpServletRequest request, HttpServletResponse response) throws IOException {
        byte[] bytes = media.bytes();
        int from = 0;
        int to = bytes.length - 1;
        String range = request.getHeader("Range");
        Matcher m = range == null ? null : RANGE.matcher(range);
        response.setContentType(media.contentType());
        response.setHeader("Accept-Ranges", "bytes");
        if (m != null && m.matches()) {
            from = Integer.parseInt(m.group(1));
            to = m.group(2).isEmpty() ? bytes.length - 1 : Math.min(bytes.length - 1, Integer.parseInt(m.group(2)));
            if (from > to) {
                response.setStatus(416);
                response.setHeader("Content-Range", "bytes */" + bytes.length);
                return;
            }
            response.setStatus(206);
            response.setHeader("Content-Range", "bytes " + from + "-" + to + "/" + bytes.length);
        } else {
            response.setStatus(200);
        }
        response.setContentLength(to - from + 1);
        if (!"HEAD".equals(request.getMethod())) {
            response.getOutputStream().write(bytes, from, to - from + 1);
        }
    }

    @Override
    public Optional<Image> image(long imageId, Optional<Integer> size) {
        require(Permission.ACCESS_CATALOG);
        if (size.isPresent() && (size.get() < 16 || size.get() > 4096)) {
            throw ResonanceException.invalid("invalid_size", "size must be between 16 and 4096 pixels");
        }
        TestClientLibrary.Media media;
        synchronized (library) {
            media = library.images.get(imageId);
        }
        return Optional.ofNullable(media).map(m -> new Image(m.bytes(), m.contentType(),
            "\"" + imageId + size.map(s -> "-" + s).orElse("") + "\""));
    }
}
