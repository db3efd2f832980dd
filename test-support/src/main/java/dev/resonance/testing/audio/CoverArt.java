package dev.resonance.testing.audio;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** Small generated cover images (64×64, a two-colour pattern) as JPEG or PNG bytes. */
public final class CoverArt {

    private static final FixtureTags.Picture JPEG = new FixtureTags.Picture(encode("jpg", 0xC03020, 0x2040C0), "image/jpeg");
    private static final FixtureTags.Picture PNG = new FixtureTags.Picture(encode("png", 0x20A040, 0xF0E010), "image/png");

    private CoverArt() {
    }

    public static FixtureTags.Picture jpeg() {
        return new FixtureTags.Picture(JPEG.data().clone(), JPEG.mimeType());
    }

    public static FixtureTags.Picture png() {
        return new FixtureTags.Picture(PNG.data().clone(), PNG.mimeType());
    }

    /**
     * A large PNG of random noise (it does not compress: about 3 × size² bytes), for tests where a picture spans
     * several Ogg pages or ID3 read chunks.
     */
    public static FixtureTags.Picture noisePng(int size) {
        java.util.Random random = new java.util.Random(size);
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                image.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        return new FixtureTags.Picture(write(image, "png"), "image/png");
    }

    /** Width and height of the generated covers, in pixels. */
    public static int size() {
        return 64;
    }

    private static byte[] encode(String format, int rgb1, int rgb2) {
        BufferedImage image = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                image.setRGB(x, y, ((x / 16 + y / 16) % 2 == 0) ? rgb1 : rgb2);
            }
        }
        return write(image, format);
    }

    private static byte[] write(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
