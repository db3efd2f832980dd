package dev.resonance.impl.library.tags;

/** Small helpers for embedded pictures. */
final class Pictures {

    private Pictures() {
    }

    /** The MIME type from the image's magic bytes, for containers that do not store one. */
    static String sniffMime(byte[] data) {
        if (data.length >= 3 && (data[0] & 0xFF) == 0xFF && (data[1] & 0xFF) == 0xD8) {
            return "image/jpeg";
        }
        if (data.length >= 8 && (data[0] & 0xFF) == 0x89 && data[1] == 'P' && data[2] == 'N' && data[3] == 'G') {
            return "image/png";
        }
        if (data.length >= 6 && data[0] == 'G' && data[1] == 'I' && data[2] == 'F') {
            return "image/gif";
        }
        if (data.length >= 2 && data[0] == 'B' && data[1] == 'M') {
            return "image/bmp";
        }
        if (data.length >= 12 && data[0] == 'R' && data[1] == 'I' && data[2] == 'F' && data[3] == 'F' && data[8] == 'W' && data[9] == 'E') {
            return "image/webp";
        }
        return "application/octet-stream";
    }

    /** Normalises "jpg", "JPG", "image/jpg" → "image/jpeg"; falls back to sniffing. */
    static String mime(String declared, byte[] data) {
        if (declared == null || declared.isBlank() || declared.equals("-->")) {
            return sniffMime(data);
        }
        String m = declared.trim().toLowerCase(java.util.Locale.ROOT);
        return switch (m) {
            case "jpg", "jpeg", "image/jpg" -> "image/jpeg";
            case "png" -> "image/png";
            case "gif" -> "image/gif";
            case "bmp" -> "image/bmp";
            default -> m.contains("/") ? m : sniffMime(data);
        };
    }
}
