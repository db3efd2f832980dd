package dev.resonance.impl.library.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Resized covers: bounded decodes, one decode per image and size, subsampled while decoding, absurd headers refused. */
class ImageStoreResizeTest {

    /** Only a hang detector for latches: nothing here measures time. */
    private static final long HANG_SECONDS = 60;

    @TempDir
    static Path shared;

    static Path bigCover;

    @BeforeAll
    static void writeA4000PixelCover() throws Exception {
        BufferedImage image = new BufferedImage(4000, 4000, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(200, 40, 40), 4000, 4000, new Color(30, 60, 220)));
        g.fillRect(0, 0, 4000, 4000);
        g.setColor(Color.WHITE);
        for (int i = 0; i < 4000; i += 250) {
            g.fillOval(i, i, 200, 200);
        }
        g.dispose();
        bigCover = shared.resolve("cover.img");
        ImageIO.write(image, "jpg", bigCover.toFile());
    }

    private static ImageStore.Stored stored(Path file) {
        return new ImageStore.Stored(1, "ab".repeat(32), "image/jpeg", file);
    }

    /** Counts decodes, the most running at once, and holds every decode until all requests are waiting somewhere. */
    static final class Gate implements ImageDecoder.Observer {
        final CountDownLatch allArrived;
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger mostRunning = new AtomicInteger();
        final List<Integer> subsamplings = new CopyOnWriteArrayList<>();

        Gate(int requests) {
            allArrived = new CountDownLatch(requests);
        }

        @Override
        public void waitingForSlot() {
            allArrived.countDown();
        }

        @Override
        public void waitingForResize() {
            allArrived.countDown();
        }

        @Override
        public void decoding(int width, int height, int subsampling) {
            mostRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
            subsamplings.add(subsampling);
            try {
                assertThat(allArrived.await(HANG_SECONDS, TimeUnit.SECONDS)).as("all requests arrived").isTrue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void decoded() {
            running.decrementAndGet();
        }
    }

    @Test
    void twentyFourConcurrentFirstRequestsDecodeEachSizeOnceTwoAtATimeAndAgreeOnTheBytes(@TempDir Path dir) throws Exception {
        Path cover = Files.copy(bigCover, dir.resolve("cover.img"));
        int requests = 24;
        Gate gate = new Gate(requests);
        ImageStore store = new ImageStore(null, dir, new ImageDecoder(2, gate), Duration.ofSeconds(HANG_SECONDS));
        int[] asked = {64, 100, 128, 256, 500, 512, 1000, 1024};

        ExecutorService pool = Executors.newFixedThreadPool(requests);
        Map<Integer, List<byte[]>> answers = new ConcurrentHashMap<>();
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                int size = asked[i % asked.length];
                done.add(pool.submit(() -> {
                    start.await();
                    Path file = store.resized(stored(cover), size);
                    answers.computeIfAbsent(standard(size), k -> new CopyOnWriteArrayList<>()).add(Files.readAllBytes(file));
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(HANG_SECONDS, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        SoftAssertions.assertSoftly(soft -> {
            soft.assertThat(gate.mostRunning.get()).as("decodes at once").isLessThanOrEqualTo(2);
            // five standard sizes, each decoded once, subsampled to the coarsest step still >= the size: 4000 / size
            soft.assertThat(gate.subsamplings).as("subsampling of each decode").containsExactlyInAnyOrder(62, 31, 15, 7, 3);
        });
        assertThat(answers).containsOnlyKeys(64, 128, 256, 512, 1024);
        int answered = 0;
        for (Map.Entry<Integer, List<byte[]>> e : answers.entrySet()) {
            byte[] first = e.getValue().get(0);
            assertThat(e.getValue()).allSatisfy(b -> assertThat(Arrays.equals(b, first)).as("same bytes for size %d", e.getKey()).isTrue());
            BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(first));
            assertThat(decoded.getWidth()).isEqualTo(e.getKey());
            assertThat(decoded.getHeight()).isEqualTo(e.getKey());
            answered += e.getValue().size();
        }
        assertThat(answered).isEqualTo(requests);
    }

    private static int standard(int requested) {
        return Arrays.stream(ImageStore.SIZES).filter(s -> s >= requested).findFirst().orElse(1024);
    }

    @Test
    void aRequestThatFindsEveryDecodeSlotTakenIsToldTheServerIsBusy(@TempDir Path dir) throws Exception {
        Path cover = Files.copy(bigCover, dir.resolve("cover.img"));
        CountDownLatch decoding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ImageDecoder decoder = new ImageDecoder(1, new ImageDecoder.Observer() {
            @Override
            public void decoding(int width, int height, int subsampling) {
                decoding.countDown();
                try {
                    release.await(HANG_SECONDS, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        ImageStore store = new ImageStore(null, dir, decoder, Duration.ZERO);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Path> first = pool.submit(() -> store.resized(stored(cover), 64));
            assertThat(decoding.await(HANG_SECONDS, TimeUnit.SECONDS)).isTrue();

            assertThatThrownBy(() -> store.resized(stored(cover), 256)).isInstanceOf(ImageDecoder.BusyException.class);

            release.countDown();
            assertThat(first.get(HANG_SECONDS, TimeUnit.SECONDS)).exists();
            assertThat(store.resized(stored(cover), 256)).as("a slot is free again").exists();
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }

    /** A valid PNG signature and IHDR declaring {@code width}×{@code height}, and no pixel data at all. */
    static byte[] pngHeader(int width, int height) {
        ByteBuffer ihdr = ByteBuffer.allocate(17);
        ihdr.put("IHDR".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(width).putInt(height)
                .put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        CRC32 crc = new CRC32();
        crc.update(ihdr.array());
        ByteBuffer png = ByteBuffer.allocate(8 + 4 + 17 + 4);
        png.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}).putInt(13).put(ihdr.array()).putInt((int) crc.getValue());
        return png.array();
    }

    @Test
    void anAbsurdHeaderIsRefusedWithoutDecoding(@TempDir Path dir) throws Exception {
        AtomicInteger decodes = new AtomicInteger();
        AtomicInteger waits = new AtomicInteger();
        ImageDecoder decoder = new ImageDecoder(2, new ImageDecoder.Observer() {
            @Override
            public void waitingForSlot() {
                waits.incrementAndGet();
            }

            @Override
            public void decoding(int width, int height, int subsampling) {
                decodes.incrementAndGet();
            }
        });
        byte[] bomb = pngHeader(100_000, 100_000);
        Path file = Files.write(dir.resolve("bomb.img"), bomb);
        ImageStore store = new ImageStore(null, dir, decoder, Duration.ofSeconds(1));

        assertThatThrownBy(() -> store.resized(stored(file), 256))
                .isInstanceOf(ImageDecoder.TooLargeException.class)
                .hasMessageContaining("100000×100000");
        assertThatThrownBy(() -> decoder.decode(pngHeader(12_001, 10), 128, Duration.ofSeconds(1)))
                .isInstanceOf(ImageDecoder.TooLargeException.class);
        assertThatThrownBy(() -> decoder.decode(pngHeader(9_000, 9_000), 128, Duration.ofSeconds(1)))
                .as("81 megapixels").isInstanceOf(ImageDecoder.TooLargeException.class);
        assertThat(decodes.get()).isZero();
        assertThat(waits.get()).as("not even queued for a slot").isZero();
    }

    @Test
    void aRealImageWithinTheLimitsIsDecodedSubsampledToAtLeastTheAskedSize() throws Exception {
        ImageDecoder decoder = ImageDecoder.standard();
        ImageDecoder.Decoded decoded = decoder.decode(bigCover, 300, Duration.ofSeconds(HANG_SECONDS));

        assertThat(decoded.sourceWidth()).isEqualTo(4000);
        assertThat(decoded.image().getWidth()).isBetween(300, 599);
        BufferedImage small = ImageDecoder.fit(decoded.image(), 300);
        assertThat(small.getWidth()).isEqualTo(300);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ImageIO.write(small, "jpg", out)).isTrue();
    }
}
