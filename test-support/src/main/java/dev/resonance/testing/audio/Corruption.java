package dev.resonance.testing.audio;

/** Ways {@link AudioFixtures#corrupt} damages a valid audio file. */
public enum Corruption {
    /** Only the first 200 bytes (or half the file, if smaller): cut inside the header and tags. */
    TRUNCATED,
    /** Random bytes (same length as the original, at most 16 KiB) under the audio extension. */
    RANDOM_BYTES,
    /** A zero-length file. */
    EMPTY,
    /** The first 32 bytes of the valid file (its container header), then random bytes to the original length. */
    HEADER_THEN_GARBAGE
}
