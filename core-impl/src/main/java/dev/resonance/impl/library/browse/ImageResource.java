package dev.resonance.impl.library.browse;

import dev.resonance.api.auth.Permission;
import dev.resonance.api.auth.RequiresPermission;
import dev.resonance.api.error.ResonanceException;
import dev.resonance.impl.library.images.ImageDecoder;
import dev.resonance.impl.library.images.ImageStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.PathParam;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.CacheControl;
import javax.ws.rs.core.EntityTag;
import javax.ws.rs.core.Response;

/** {@code GET /api/v1/content/images/{id}?size=N}: cover art, resized, cached by the client for good (content-addressed). */
@javax.ws.rs.Path("v1/content/images")
@RequiresPermission(Permission.ACCESS_CATALOG)
public final class ImageResource {

    private final ImageStore images;

    public ImageResource(ImageStore images) {
        this.images = images;
    }

    @GET
    @javax.ws.rs.Path("{id}")
    public Response image(@PathParam("id") long id, @QueryParam("size") Integer size, @HeaderParam("If-None-Match") String ifNoneMatch) {
        if (size != null && (size < 16 || size > 4096)) {
            throw ResonanceException.invalid("invalid_size", "size must be between 16 and 4096 pixels");
        }
        ImageStore.Stored stored = images.find(id).orElseThrow(() -> ResonanceException.notFound("No image " + id));
        EntityTag tag = new EntityTag(stored.sha256().substring(0, 32) + (size == null ? "" : "-" + size));
        CacheControl cache = new CacheControl();
        cache.setPrivate(true);
        cache.setMaxAge(31_536_000);
        if (ifNoneMatch != null && (ifNoneMatch.contains(tag.getValue()))) {
            return Response.notModified(tag).cacheControl(cache).build();
        }
        try {
            Path file = size == null ? stored.file() : images.resized(stored, size);
            String type = size == null ? stored.mimeType() : "image/jpeg";
            return Response.ok(Files.readAllBytes(file), type).tag(tag).cacheControl(cache).build();
        } catch (ImageDecoder.TooLargeException e) {
            // stored before the server refused such images: the original is still served, never resized
            throw ResonanceException.notFound("image_too_large",
                    "Image " + id + " cannot be resized: " + e.getMessage() + ". Ask for it without a size.");
        } catch (ImageDecoder.BusyException e) {
            throw busy();
        } catch (IOException e) {
            throw ResonanceException.unavailable("image_unavailable", "The image file is missing on the server");
        }
    }

    private static final long BUSY_RETRY_AFTER_SECONDS = 2;

    /** Unavailable with a Retry-After: every decode slot stayed taken while this request waited. */
    static ResonanceException busy() {
        return ResonanceException.unavailable("images_busy", "The server is busy resizing other images. Try again in "
                + BUSY_RETRY_AFTER_SECONDS + " s.", Duration.ofSeconds(BUSY_RETRY_AFTER_SECONDS));
    }
}
