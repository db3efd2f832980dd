package dev.resonance.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.resonance.testing.Ffmpeg;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Streaming on the real distribution (see bench/stream/run). Clients are raw HTTP/1.1 sockets, one thread each, so
 * what is timed is the server: first byte after the request is written, and — for clients reading at realtime — how
 * long a client waits for bytes it is owed (a wait over 1 s is a stall: a player would have run dry).
 */
public final class StreamBench {

    private static final double STALL_SECONDS = 1.0;

    private Path dist = Path.of("karaf-distribution/assembly/target/assembly");
    private int directStreams = 1000;
    private int seconds = 20;
    private int[] transcodeLevels = {25, 50, 75, 100, 125, 150};
    private int ttfbRuns = 2000;
    private int opusComplexity = 5;
    private boolean transcodesOnly;
    private BenchServer server;
    private String token;

    public static void main(String[] args) throws Exception {
        StreamBench bench = new StreamBench();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--dist" -> bench.dist = Path.of(args[++i]);
                case "--direct-streams" -> bench.directStreams = Integer.parseInt(args[++i]);
                case "--seconds" -> bench.seconds = Integer.parseInt(args[++i]);
                case "--transcodes" -> bench.transcodeLevels = Arrays.stream(args[++i].split(",")).mapToInt(s -> Integer.parseInt(s.strip())).toArray();
                case "--ttfb-runs" -> bench.ttfbRuns = Integer.parseInt(args[++i]);
                case "--opus-complexity" -> bench.opusComplexity = Integer.parseInt(args[++i]);
                case "--transcodes-only" -> bench.transcodesOnly = true;
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        bench.run();
        System.exit(0);
    }

    private void run() throws Exception {
        Path work = Files.createTempDirectory("resonance-stream-bench");
        Path music = Files.createDirectories(work.resolve("music/Bench/Album"));
        ScanBench.log("generating audio");
        // noise under a tone: opus and mp3 spend close to their nominal bitrate on it, as on music
        Ffmpeg.run("-f", "lavfi", "-i", "anoisesrc=color=pink:amplitude=0.3:duration=120:sample_rate=44100", "-ac", "2", "-c:a", "libmp3lame",
                "-b:a", "128k", "-metadata", "title=Direct", "-metadata", "artist=Bench", "-metadata", "album=Album",
                music.resolve("01 direct.mp3").toString());
        Ffmpeg.run("-f", "lavfi", "-i", "anoisesrc=color=pink:amplitude=0.3:duration=300:sample_rate=44100", "-ac", "2", "-c:a", "flac",
                "-metadata", "title=Source", "-metadata", "artist=Bench", "-metadata", "album=Album", music.resolve("02 source.flac").toString());
        String database = "resonance_stream_bench_" + ProcessHandle.current().pid();
        BenchServer.createDatabase(database);
        try {
            server = BenchServer.start(dist, work.resolve("run"), database, Map.of("MUSIC_LIBRARY_PATH", music.getParent().getParent().toString()),
                    home -> Files.writeString(home.resolve("etc/resonance.core.stream.cfg"), """
                            # written by bench/stream/run: limits out of the way, no cache (every transcode live), short burst
                            ffmpegPath =
                            maxTranscodes = 1000
                            maxTranscodesPerUser = 1000
                            transcodeCacheMb = 0
                            runAheadSeconds = 2
                            pacingSpeed = 1.5
                            opusComplexity = %d
                            signedUrlMinutes = 360
                            """.formatted(opusComplexity)));
            for (int i = 0; token == null; i++) {
                try {
                    token = server.login("bench", "bench-password", "bench");
                } catch (IllegalStateException notYet) {
                    if (i > 100) {
                        throw notYet;
                    }
                    Thread.sleep(100); // /health is UP a moment before every servlet is registered
                }
            }
            long direct = 0;
            long flac = 0;
            for (int i = 0; i < 600 && (direct == 0 || flac == 0); i++) {
                for (JsonNode t : server.send("GET", "/api/v1/content/tracks", token, null, 200).path("items")) {
                    if (t.path("title").asText().equals("Direct")) {
                        direct = t.path("id").asLong();
                    } else if (t.path("title").asText().equals("Source")) {
                        flac = t.path("id").asLong();
                    }
                }
                Thread.sleep(100);
            }
            printMachine();
            if (!transcodesOnly) {
                directTtfb(direct);
                realtimeStreams("Concurrent direct streams", "/stream/" + direct, new int[] {directStreams}, 128, 0.95);
                transcodeFirstBytes(flac);
            }
            realtimeStreams("Concurrent realtime opus 128k transcodes (FLAC 44.1 kHz stereo source, opus complexity " + opusComplexity
                            + "; after a 2 s burst paced at 1.5x)",
                    "/stream/" + flac + "?format=opus&bitrate=128", transcodeLevels, 128, 0.85);
        } finally {
            if (server != null) {
                server.close();
            }
            BenchServer.dropDatabase(database);
        }
    }

    private static void printMachine() throws IOException {
        String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name")).findFirst()
                .map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse("?");
        long memKb = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal")).findFirst()
                .map(l -> Long.parseLong(l.replaceAll("\\D", ""))).orElse(0L);
        System.out.printf(Locale.ROOT, "Machine: %d cores (%s), %.0f GiB, Java %s; server and clients on the same machine over loopback%n",
                Runtime.getRuntime().availableProcessors(), cpu, memKb / 1024.0 / 1024.0, System.getProperty("java.version"));
    }

    // ------------------------------------------------------------------ one request, raw

    private Socket request(String path, String range) throws IOException {
        Socket socket = new Socket("127.0.0.1", server.port);
        socket.setReceiveBufferSize(64 * 1024);
        socket.setSoTimeout(30_000);
        OutputStream out = socket.getOutputStream();
        out.write(("GET " + path + " HTTP/1.1\r\nHost: bench\r\nAuthorization: Bearer " + token + "\r\n"
                + (range == null ? "" : "Range: " + range + "\r\n") + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    /** Reads the status line and headers; returns the status. */
    private static int readHead(InputStream in) throws IOException {
        return Integer.parseInt(head(in).substring(9, 12));
    }

    /** The status line and headers, read up to the blank line. */
    private static String head(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            head.append((char) c);
            if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                break;
            }
        }
        if (head.length() < 12) {
            throw new IOException("no response");
        }
        return head.toString();
    }

    // ------------------------------------------------------------------ direct play TTFB

    private void directTtfb(long track) throws Exception {
        ScanBench.log("direct play TTFB, %d requests", ttfbRuns);
        for (int i = 0; i < 200; i++) {
            firstByteNanos("/stream/" + track, "bytes=0-4095"); // warm up
        }
        double[] ms = new double[ttfbRuns];
        for (int i = 0; i < ttfbRuns; i++) {
            ms[i] = firstByteNanos("/stream/" + track, i % 2 == 0 ? "bytes=0-4095" : "bytes=-4096") / 1e6;
        }
        // what a player does: its range requests (probe, seeks, the rest) reuse one keep-alive connection
        double[] reused = new double[ttfbRuns];
        try (Socket socket = new Socket("127.0.0.1", server.port)) {
            socket.setSoTimeout(30_000);
            InputStream in = new java.io.BufferedInputStream(socket.getInputStream(), 64 * 1024);
            for (int i = 0; i < 200 + ttfbRuns; i++) {
                long nanos = keepAliveFirstByteNanos(socket, in, "/stream/" + track, i % 2 == 0 ? "bytes=0-4095" : "bytes=-4096");
                if (i >= 200) {
                    reused[i - 200] = nanos / 1e6;
                }
            }
        }
        System.out.println();
        System.out.println("Direct play time to first byte (sequential requests for a 4 KiB range, to the first body byte)");
        System.out.println();
        System.out.println("| connection | requests | p50 ms | p95 ms | p99 ms | max ms |");
        System.out.println("|---|---|---|---|---|---|");
        Arrays.sort(ms);
        Arrays.sort(reused);
        System.out.printf(Locale.ROOT, "| a new one per request | %d | %.2f | %.2f | %.2f | %.2f |%n", ms.length, pct(ms, 50), pct(ms, 95),
                pct(ms, 99), ms[ms.length - 1]);
        System.out.printf(Locale.ROOT, "| one keep-alive connection | %d | %.2f | %.2f | %.2f | %.2f |%n", reused.length, pct(reused, 50),
                pct(reused, 95), pct(reused, 99), reused[reused.length - 1]);
    }

    private long keepAliveFirstByteNanos(Socket socket, InputStream in, String path, String range) throws IOException {
        long start = System.nanoTime();
        OutputStream out = socket.getOutputStream();
        out.write(("GET " + path + " HTTP/1.1\r\nHost: bench\r\nAuthorization: Bearer " + token + "\r\nRange: " + range + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String head = head(in);
        if (!head.startsWith("HTTP/1.1 206") || in.read() < 0) {
            throw new IOException("unexpected answer " + head.lines().findFirst().orElse(""));
        }
        long elapsed = System.nanoTime() - start;
        long length = head.lines().filter(l -> l.regionMatches(true, 0, "Content-Length:", 0, 15))
                .mapToLong(l -> Long.parseLong(l.substring(15).strip())).findFirst().orElseThrow(() -> new IOException("no Content-Length"));
        in.skipNBytes(length - 1);
        return elapsed;
    }

    private long firstByteNanos(String path, String range) throws IOException {
        long start = System.nanoTime();
        try (Socket socket = request(path, range)) {
            InputStream in = new java.io.BufferedInputStream(socket.getInputStream(), 64 * 1024);
            int status = readHead(in);
            if (in.read() < 0 || status != 206) {
                throw new IOException("unexpected status " + status);
            }
            long elapsed = System.nanoTime() - start;
            in.transferTo(OutputStream.nullOutputStream());
            return elapsed;
        }
    }

    // ------------------------------------------------------------------ transcode first audio bytes

    private void transcodeFirstBytes(long track) throws Exception {
        int runs = 60;
        ScanBench.log("transcode first bytes, %d requests", runs);
        double[] first = new double[runs];
        double[] audio = new double[runs];
        for (int i = 0; i < runs; i++) {
            String offset = String.format(Locale.ROOT, "%.1f", (i * 37 % 280) + 0.5);
            long start = System.nanoTime();
            try (Socket socket = request("/stream/" + track + "?format=opus&bitrate=128&offset=" + offset, null)) {
                InputStream in = socket.getInputStream();
                if (readHead(in) != 200) {
                    throw new IOException("transcode refused");
                }
                in.read();
                first[i] = (System.nanoTime() - start) / 1e6;
                // the Ogg Opus headers (OpusHead, OpusTags) take under 1 KiB; 4 KiB in, audio pages have arrived
                in.readNBytes(4095);
                audio[i] = (System.nanoTime() - start) / 1e6;
            }
        }
        Arrays.sort(first);
        Arrays.sort(audio);
        System.out.println();
        System.out.println("Transcode start (opus 128k from FLAC at a random offset, sequential, uncached)");
        System.out.println();
        System.out.println("| measure | runs | p50 ms | p95 ms | max ms |");
        System.out.println("|---|---|---|---|---|");
        System.out.printf(Locale.ROOT, "| first byte | %d | %.1f | %.1f | %.1f |%n", runs, pct(first, 50), pct(first, 95), first[runs - 1]);
        System.out.printf(Locale.ROOT, "| first 4 KiB (audio pages) | %d | %.1f | %.1f | %.1f |%n", runs, pct(audio, 50), pct(audio, 95), audio[runs - 1]);
    }

    // ------------------------------------------------------------------ clients reading at realtime

    private void realtimeStreams(String title, String path, int[] levels, int kbps, double owedFraction) throws Exception {
        System.out.println();
        System.out.printf(Locale.ROOT, "%s: each client reads %d s at %d kbit/s (owed %.0f %% of that); a stall = waiting > %.0f s for owed bytes (from the first byte on)%n",
                title, seconds, kbps, owedFraction * 100, STALL_SECONDS);
        System.out.println();
        System.out.println("| clients | completed | failed | clients that stalled | stalls | worst wait s | server CPU % (JVM + ffmpeg) | server RSS MiB |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (int n : levels) {
            ScanBench.log("%s: %d clients", title, n);
            long cpuBefore = serverCpuTicks();
            long jvmBefore = ticks(server.pid(), false);
            long t0 = System.nanoTime();
            AtomicInteger completed = new AtomicInteger();
            AtomicInteger failed = new AtomicInteger();
            AtomicInteger stalledClients = new AtomicInteger();
            AtomicInteger stalls = new AtomicInteger();
            AtomicLong worstNanos = new AtomicLong();
            AtomicLong peakRss = new AtomicLong();
            CountDownLatch done = new CountDownLatch(n);
            List<Thread> threads = new ArrayList<>();
            long bytesPerSecond = (long) (kbps * 1000 / 8 * owedFraction);
            for (int i = 0; i < n; i++) {
                Thread t = new Thread(() -> {
                    try {
                        int s = readAtRealtime(path, bytesPerSecond, worstNanos);
                        completed.incrementAndGet();
                        if (s > 0) {
                            stalledClients.incrementAndGet();
                            stalls.addAndGet(s);
                        }
                    } catch (IOException e) {
                        failed.incrementAndGet();
                    } finally {
                        done.countDown();
                    }
                }, "client-" + i);
                t.setDaemon(true);
                threads.add(t);
                t.start();
                if (i % 50 == 49) {
                    Thread.sleep(100); // ramp up: 500 new streams a second
                }
            }
            while (!done.await(500, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                peakRss.accumulateAndGet(server.status("VmRSS") + childrenRssKb(), Math::max);
            }
            double wall = (System.nanoTime() - t0) / 1e9;
            double cpu = (serverCpuTicks() - cpuBefore) / 100.0 / wall * 100;
            double jvm = (ticks(server.pid(), false) - jvmBefore) / 100.0 / wall * 100;
            System.out.printf(Locale.ROOT, "| %d | %d | %d | %d | %d | %.2f | %.0f (%.0f + %.0f) | %d |%n", n, completed.get(), failed.get(),
                    stalledClients.get(), stalls.get(), worstNanos.get() / 1e9, cpu, jvm, cpu - jvm, peakRss.get() / 1024);
            Thread.sleep(2000); // let killed ffmpegs go
        }
    }

    /**
     * Reads {@code seconds} of a stream from its first byte on, asking each 100 ms for what is owed by then; returns
     * the number of stalls.
     */
    private int readAtRealtime(String path, long bytesPerSecond, AtomicLong worstNanos) throws IOException {
        try (Socket socket = request(path, null)) {
            InputStream in = socket.getInputStream();
            int status = readHead(in);
            if (status != 200) {
                throw new IOException("status " + status);
            }
            byte[] buffer = new byte[16 * 1024];
            // a player's clock starts with the first audio: the wait for it is the start latency, measured on its own
            long got = in.read(buffer, 0, 1);
            if (got < 0) {
                throw new IOException("empty body");
            }
            long start = System.nanoTime();
            int stalls = 0;
            while (true) {
                long now = System.nanoTime();
                double elapsed = (now - start) / 1e9;
                if (elapsed >= seconds) {
                    return stalls;
                }
                long owed = (long) (elapsed * bytesPerSecond);
                long waitStart = System.nanoTime();
                while (got < owed) {
                    int n = in.read(buffer, 0, (int) Math.min(buffer.length, owed - got));
                    if (n < 0) {
                        return stalls; // the whole file arrived
                    }
                    got += n;
                }
                long waited = System.nanoTime() - waitStart;
                worstNanos.accumulateAndGet(waited, Math::max);
                if (waited > STALL_SECONDS * 1e9) {
                    stalls++;
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return stalls;
                }
            }
        }
    }

    /** utime + stime of the server JVM and its ffmpeg children (reaped or live), in clock ticks. */
    private long serverCpuTicks() {
        long ticks = ticks(server.pid(), true);
        for (ProcessHandle child : ProcessHandle.of(server.pid()).map(p -> p.descendants().toList()).orElse(List.of())) {
            ticks += ticks(child.pid(), false);
        }
        return ticks;
    }

    private static long ticks(long pid, boolean withReapedChildren) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long own = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            return withReapedChildren ? own + Long.parseLong(f[13]) + Long.parseLong(f[14]) : own;
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }

    private long childrenRssKb() {
        long kb = 0;
        for (ProcessHandle child : ProcessHandle.of(server.pid()).map(p -> p.descendants().toList()).orElse(List.of())) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/" + child.pid() + "/status"))) {
                    if (line.startsWith("VmRSS:")) {
                        kb += Long.parseLong(line.replaceAll("\\D", ""));
                    }
                }
            } catch (IOException | RuntimeException gone) {
                // exited
            }
        }
        return kb;
    }

    static double pct(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }
}
