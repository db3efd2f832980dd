package dev.resonance.impl.library.images;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.FileImageInputStream;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Decodes cover images within a memory budget: the size is read from the header first and absurd images are refused
 * without decoding; at most {@code permits} decodes run at once; and an image is subsampled while it is decoded, so a
 * 4000×4000 cover asked for at 256 px never exists in memory at full size (64 MB as pixels) — only at ≥ 256 px.
 */
public final class ImageDecoder {

    /** Larger than any real cover (600–3000 px); a bigger header is a decompression bomb or a corrupt file. */
    public static final int MAX_SIDE = 12_000;
    public static final long MAX_PIXELS = 64_000_000L;

    /** Hooks for tests and metrics; every method is called on the decoding thread. */
    public interface Observer {
        /** A decode is about to wait for a slot. */
        default void waitingForSlot() {
        }

        /** A decode holds a slot and starts: source size and the subsampling used. */
        default void decoding(int width, int height, int subsampling) {
        }

        /** The decode holding a slot finished (successfully or not) and is about to release it. */
        default void decoded() {
        }

        /** A request found the same image and size being resized by another and waits for that result. */
        default void waitingForResize() {
        }
    }

    /** The image's header declares dimensions past {@link #MAX_SIDE} / {@link #MAX_PIXELS}: it is not decoded. */
    public static final class TooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        TooLargeException(int width, int height) {
            super("image is " + width + "×" + height + " px, more than the " + MAX_SIDE + " px a side or "
                    + MAX_PIXELS / 1_000_000 + " megapixels the server decodes");
        }
    }

    /** No decode slot became free in time: the server is busy decoding other images. */
    public static final class BusyException extends IOException {
        private static final long serialVersionUID = 1L;

        BusyException(Duration waited) {
            super("no image decode slot free after " + waited.toMillis() + " ms");
        }
    }

    /** The result of a decode: the (subsampled) pixels and the source's full size. */
    public record Decoded(BufferedImage image, int sourceWidth, int sourceHeight) {
    }

    private final Semaphore slots;
    private final Observer observer;

    public ImageDecoder(int permits, Observer observer) {
        this.slots = new Semaphore(Math.max(1, permits), true);
        this.observer = observer;
    }

    Observer observer() {
        return observer;
    }

    /** Two decodes at a time: each holds at most ~(2 × the size asked for)² pixels, so a 160 MB heap stays safe. */
    public static ImageDecoder standard() {
        return new ImageDecoder(2, new Observer() {
        });
    }

    /** Decodes {@code file} to at least {@code atLeast} px on its longer side (or its own size when smaller). */
    public Decoded decode(Path file, int atLeast, Duration wait) throws IOException {
        try (ImageInputStream in = new FileImageInputStream(file.toFile())) {
            return decode(in, atLeast, wait);
        }
    }

    /** Decodes {@code data} to at least {@code atLeast} px on its longer side (or its own size when smaller). */
    public Decoded decode(byte[] data, int atLeast, Duration wait) throws IOException {
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(data))) {
            return decode(in, atLeast, wait);
        }
    }

    private Decoded decode(ImageInputStream in, int atLeast, Duration wait) throws IOException {
        Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
        if (!readers.hasNext()) {
            throw new IOException("not an image format the server reads");
        }
        ImageReader reader = readers.next();
        try {
            reader.setInput(in, true, true);
            int width;
            int height;
            try {
                width = reader.getWidth(0);
                height = reader.getHeight(0);
            } catch (RuntimeException e) {
                throw new IOException("image header not readable: " + e, e);
            }
            if (width <= 0 || height <= 0 || width > MAX_SIDE || height > MAX_SIDE || (long) width * height > MAX_PIXELS) {
                throw new TooLargeException(width, height);
            }
            int subsampling = subsampling(width, height, atLeast);
            acquire(wait);
            try {
                observer.decoding(width, height, subsampling);
                ImageReadParam param = reader.getDefaultReadParam();
                param.setSourceSubsampling(subsampling, subsampling, 0, 0);
                BufferedImage image = reader.read(0, param);
                return new Decoded(image, width, height);
            } catch (RuntimeException e) {
                throw new IOException("image not decodable: " + e, e);
            } finally {
                observer.decoded();
                slots.release();
            }
        } finally {
            reader.dispose();
        }
    }

    /** The coarsest subsampling that keeps the longer side at or above {@code atLeast} px. */
    static int subsampling(int width, int height, int atLeast) {
        return Math.max(1, Math.max(width, height) / Math.max(1, atLeast));
    }

    private void acquire(Duration wait) throws IOException {
        observer.waitingForSlot();
        try {
            if (!slots.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new BusyException(wait);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted waiting for an image decode slot");
        }
    }

    /**
     * {@code source} scaled to fit {@code size} px (never enlarged), as RGB: halved with bilinear filtering while it is
     * more than twice the target (one bilinear step from far above aliases like nearest-neighbour), then one last
     * bilinear step.
     */
    public static BufferedImage fit(BufferedImage source, int size) {
        int longer = Math.max(source.getWidth(), source.getHeight());
        int target = Math.min(size, longer);
        double scale = (double) target / longer;
        int width = Math.max(1, (int) Math.round(source.getWidth() * scale));
        int height = Math.max(1, (int) Math.round(source.getHeight() * scale));
        BufferedImage current = source;
        while (current.getWidth() / 2 >= width && current.getHeight() / 2 >= height) {
            current = draw(current, current.getWidth() / 2, current.getHeight() / 2);
        }
        return current.getWidth() == width && current.getHeight() == height && current.getType() == BufferedImage.TYPE_INT_RGB
                ? current : draw(current, width, height);
    }

    private static BufferedImage draw(BufferedImage source, int width, int height) {
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(source, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return out;
    }
}
