package dev.resonance.impl.client;

import dev.resonance.api.auth.Caller;
import dev.resonance.api.auth.Permission;
import dev.resonance.api.client.ClientMedia;
import dev.resonance.api.error.ResonanceException;
import dev.resonance.impl.library.images.ImageDecoder;
import dev.resonance.impl.library.images.ImageStore;
import dev.resonance.impl.stream.StreamParameters;
import dev.resonance.impl.stream.transcode.TranscodeFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** {@link ClientMedia} through the core's own stream route ({@code TrackDelivery}) and image store. */
final class CoreMedia implements ClientMedia {

    private final Caller caller;
    private final ClientBackends backends;

    CoreMedia(Caller caller, ClientBackends backends) {
        this.caller = caller;
        this.backends = backends;
    }

    @Override
    public void stream(long songId, StreamOptions options, HttpServletRequest request, HttpServletResponse response) throws IOException {
        // the request's query is the app protocol's: nothing of it is read as the core's quality hints
        ClientBackends.need(backends.delivery(), "streaming").deliver(caller, songId, false, parameters(options), java.util.Map.of(),
                request, response, !"HEAD".equals(request.getMethod()));
    }

    @Override
    public void download(long songId, HttpServletRequest request, HttpServletResponse response) throws IOException {
        ClientBackends.need(backends.delivery(), "streaming").deliver(caller, songId, true,
                new StreamParameters(Optional.empty(), true, Optional.empty(), 0), java.util.Map.of(), request, response,
                !"HEAD".equals(request.getMethod()));
    }

    /**
     * The core's stream parameters for a client's options: {@code raw} is the original file; a codec the core does not
     * encode is refused; a bit rate beyond what the format allows is brought within it (apps send their own ceilings,
     * e.g. 320 for any format), as is a bare ceiling.
     */
    static StreamParameters parameters(StreamOptions options) {
        Optional<Integer> cap = options.maxBitrateKbps().filter(kbps -> kbps > 0);
        Optional<String> format = options.format().map(f -> f.strip().toLowerCase(Locale.ROOT)).filter(f -> !f.isEmpty());
        if (format.isPresent() && (format.get().equals("raw") || format.get().equals("original"))) {
            return new StreamParameters(Optional.empty(), true, Optional.empty(), options.offsetMs());
        }
        if (format.isPresent()) {
            TranscodeFormat codec = TranscodeFormat.byName(format.get()).orElseThrow(() -> ResonanceException.invalid("invalid_format",
                    "format must be raw, mp3, opus or aac"));
            return new StreamParameters(Optional.of(codec), false, cap.map(k -> Math.max(codec.minKbps(), Math.min(codec.maxKbps(), k))),
                    options.offsetMs());
        }
        return new StreamParameters(Optional.empty(), false, cap.map(k -> Math.max(StreamParameters.MIN_CAP_KBPS,
                Math.min(StreamParameters.MAX_CAP_KBPS, k))), options.offsetMs());
    }

    @Override
    public Optional<Image> image(long imageId, Optional<Integer> size) {
        if (!caller.has(Permission.ACCESS_CATALOG)) {
            throw ResonanceException.forbidden("permission_denied", "This needs the AccessCatalog permission");
        }
        if (size.isPresent() && (size.get() < 16 || size.get() > 4096)) {
            throw ResonanceException.invalid("invalid_size", "size must be between 16 and 4096 pixels");
        }
        ImageStore images = ClientBackends.need(backends.library(), "library").images();
        Optional<ImageStore.Stored> stored = images.find(imageId);
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        try {
            byte[] bytes = Files.readAllBytes(size.isEmpty() ? stored.get().file() : images.resized(stored.get(), size.get()));
            return Optional.of(new Image(bytes, size.isEmpty() ? stored.get().mimeType() : "image/jpeg",
                    "\"" + stored.get().sha256().substring(0, 32) + size.map(s -> "-" + s).orElse("") + "\""));
        } catch (ImageDecoder.TooLargeException e) {
            throw ResonanceException.notFound("image_too_large", "Image " + imageId + " cannot be resized: " + e.getMessage());
        } catch (ImageDecoder.BusyException e) {
            throw ResonanceException.unavailable("images_busy", "The server is busy resizing other images", Duration.ofSeconds(2));
        } catch (IOException e) {
            throw ResonanceException.unavailable("image_unavailable", "The image file is missing on the server");
        }
    }
}
