package dev.resonance.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A minimal HTTP/1.1 GET client over one keep-alive connection, for load generators that share the machine with the
 * server: {@code HttpURLConnection} spent 0.4–0.6 ms of CPU per request here (its header maps, its connection cache),
 * as much as the server's own work on a cheap request, which on 2 cores shows up as server latency. This writes the
 * request line and reads the status, {@code Content-Length} or chunked bodies, nothing else. Not thread-safe: one per
 * client thread.
 */
final class RawHttp implements AutoCloseable {

    /** An answer: its status, the time to its first body byte (ns after the request was written), its body. */
    record Answer(int status, long firstByteNanos, byte[] body) {
    }

    private final String host;
    private final int port;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    RawHttp(String base) {
        URI uri = URI.create(base);
        this.host = uri.getHost();
        this.port = uri.getPort();
    }

    /**
     * GETs {@code pathAndQuery}; with {@code keepBody} false the body is read and dropped (a stream). Reconnects when the
     * server closed the connection since the last request.
     */
    Answer get(String pathAndQuery, boolean keepBody) throws IOException {
        if (socket == null || socket.isClosed()) {
            connect();
        }
        long start = System.nanoTime();
        out.write(("GET " + pathAndQuery + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        String status = line();
        if (status == null) { // closed by the server while idle: once more on a new connection
            connect();
            return get(pathAndQuery, keepBody);
        }
        int code = Integer.parseInt(status.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        boolean close = false;
        for (String header = line(); header != null && !header.isEmpty(); header = line()) {
            String lower = header.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(lower.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            } else if (lower.startsWith("connection:") && lower.contains("close")) {
                close = true;
            }
        }
        ByteArrayOutputStream body = keepBody ? new ByteArrayOutputStream((int) Math.max(256, Math.min(length, 1 << 20))) : null;
        long[] first = {0};
        if (chunked) {
            for (long size = Long.parseLong(line().split(";")[0].trim(), 16); size > 0; size = Long.parseLong(line().split(";")[0].trim(), 16)) {
                copy(size, body, first, start);
                line(); // the CRLF after the chunk
            }
            for (String trailer = line(); trailer != null && !trailer.isEmpty(); trailer = line()) {
                // trailers: none expected
            }
        } else if (length >= 0) {
            copy(length, body, first, start);
        } else {
            throw new IOException("an answer without a length on a keep-alive connection: " + status);
        }
        if (close) {
            close();
        }
        return new Answer(code, first[0] == 0 ? System.nanoTime() - start : first[0], body == null ? new byte[0] : body.toByteArray());
    }

    private void copy(long n, ByteArrayOutputStream into, long[] first, long start) throws IOException {
        byte[] buffer = new byte[(int) Math.min(Math.max(n, 1), 64 * 1024)];
        while (n > 0) {
            int r = in.read(buffer, 0, (int) Math.min(buffer.length, n));
            if (r < 0) {
                throw new IOException("the connection ended inside an answer");
            }
            if (first[0] == 0) {
                first[0] = System.nanoTime() - start;
            }
            if (into != null) {
                into.write(buffer, 0, r);
            }
            n -= r;
        }
    }

    /** A CRLF-terminated line, without it; null at the end of the stream. */
    private String line() throws IOException {
        StringBuilder sb = new StringBuilder(64);
        for (int b = in.read(); ; b = in.read()) {
            if (b < 0) {
                return sb.length() == 0 ? null : sb.toString();
            }
            if (b == '\n') {
                int n = sb.length();
                return n > 0 && sb.charAt(n - 1) == '\r' ? sb.substring(0, n - 1) : sb.toString();
            }
            sb.append((char) b);
        }
    }

    private void connect() throws IOException {
        close();
        socket = new Socket(host, port);
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(60_000);
        in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
        out = socket.getOutputStream();
    }

    @Override
    public void close() throws IOException {
        if (socket != null) {
            socket.close();
            socket = null;
        }
    }
}
