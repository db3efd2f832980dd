package dev.resonance.impl.stream;

import dev.resonance.api.error.ResonanceException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.LongConsumer;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * A file as an HTTP response with full RFC 7233/7232 support — single, suffix, open and multiple ranges
 * (multipart/byteranges), If-Range, ETag + If-None-Match (304), Last-Modified, 416 with
 * {@code Content-Range: bytes *}/size. Never reads a file into memory: it is sent in 64 KiB chunks as the client
 * reads. Used for original tracks and for finished transcodes from the cache alike.
 */
final class FileResponses {

    private static final int CHUNK = 64 * 1024;

    private FileResponses() {
    }

    /** Serves {@code file}; {@code sent} hears of every chunk of it written to the client. */
    static void serve(HttpServletRequest request, HttpServletResponse response, ServedFile file, boolean body, LongConsumer sent)
            throws IOException {
        String etag = file.etag();
        response.setHeader("Accept-Ranges", "bytes");
        response.setHeader("ETag", etag);
        response.setDateHeader("Last-Modified", file.mtimeMillis());
        response.setHeader("Cache-Control", "private, max-age=86400");

        String ifNoneMatch = request.getHeader("If-None-Match");
        if (ifNoneMatch != null && matches(ifNoneMatch, etag)) {
            response.setStatus(304);
            return;
        }
        Optional<String> range = Optional.ofNullable(request.getHeader("Range"));
        String ifRange = request.getHeader("If-Range");
        if (range.isPresent() && ifRange != null && !ifRangeHolds(ifRange, etag, file.mtimeMillis())) {
            range = Optional.empty(); // the client's copy is stale: send the whole new representation
        }
        ByteRanges.Outcome outcome = ByteRanges.evaluate(range, file.size());
        if (outcome instanceof ByteRanges.Unsatisfiable) {
            response.setHeader("Content-Range", "bytes */" + file.size());
            throw ResonanceException.rangeNotSatisfiable("range_not_satisfiable", "The requested range is outside the file (" + file.size() + " bytes)");
        }
        try (FileChannel channel = FileChannel.open(file.path(), StandardOpenOption.READ)) {
            if (outcome instanceof ByteRanges.Partial partial && partial.ranges().size() == 1) {
                ByteRanges.Range r = partial.ranges().get(0);
                response.setStatus(206);
                response.setContentType(file.contentType());
                response.setHeader("Content-Range", r.contentRange(file.size()));
                response.setContentLengthLong(r.length());
                if (body) {
                    copy(channel, r.first(), r.length(), response.getOutputStream(), sent);
                }
            } else if (outcome instanceof ByteRanges.Partial partial) {
                multipart(channel, partial.ranges(), file, response, body, sent);
            } else {
                response.setStatus(200);
                response.setContentType(file.contentType());
                response.setContentLengthLong(file.size());
                if (body) {
                    copy(channel, 0, file.size(), response.getOutputStream(), sent);
                }
            }
        }
    }

    private static void multipart(FileChannel channel, List<ByteRanges.Range> ranges, ServedFile file,
                                  HttpServletResponse response, boolean body, LongConsumer sent) throws IOException {
        String boundary = UUID.randomUUID().toString().replace("-", "");
        List<byte[]> heads = ranges.stream().map(r -> ("\r\n--" + boundary + "\r\nContent-Type: " + file.contentType()
                + "\r\nContent-Range: " + r.contentRange(file.size()) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII)).toList();
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        long length = tail.length;
        for (int i = 0; i < ranges.size(); i++) {
            length += heads.get(i).length + ranges.get(i).length();
        }
        response.setStatus(206);
        response.setContentType("multipart/byteranges; boundary=" + boundary);
        response.setContentLengthLong(length);
        if (!body) {
            return;
        }
        OutputStream out = response.getOutputStream();
        for (int i = 0; i < ranges.size(); i++) {
            out.write(heads.get(i));
            copy(channel, ranges.get(i).first(), ranges.get(i).length(), out, sent);
        }
        out.write(tail);
    }

    private static void copy(FileChannel channel, long position, long length, OutputStream out, LongConsumer sent) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(CHUNK, Math.max(1, length)));
        long remaining = length;
        long at = position;
        while (remaining > 0) {
            buffer.clear().limit((int) Math.min(buffer.capacity(), remaining));
            int n = channel.read(buffer, at);
            if (n < 0) {
                throw new IOException("file shorter than expected");
            }
            out.write(buffer.array(), 0, n);
            sent.accept(n);
            at += n;
            remaining -= n;
        }
    }

    static boolean matches(String header, String etag) {
        for (String candidate : header.split(",")) {
            String tag = candidate.strip();
            if (tag.equals("*") || tag.equals(etag) || tag.equals("W/" + etag)) {
                return true;
            }
        }
        return false;
    }

    /** If-Range holds when it names the current strong ETag, or (as a date) is not older than the file. */
    static boolean ifRangeHolds(String ifRange, String etag, long mtimeMillis) {
        String value = ifRange.strip();
        if (value.startsWith("\"") || value.startsWith("W/")) {
            return value.equals(etag); // weak validators never match for ranges
        }
        try {
            long date = java.time.ZonedDateTime.parse(value, java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toEpochMilli();
            return mtimeMillis / 1000 <= date / 1000;
        } catch (java.time.format.DateTimeParseException e) {
            return false;
        }
    }
}
