package org.iobench.conformance;

/**
 * A non-repeating byte sequence addressed by offset: byte {@code i} of stream {@code seed} is a
 * SplitMix64 hash of (seed, i / 8). Writer and reader compute it independently, whatever chunks they
 * use, so a lost, duplicated or reordered chunk shows up at its exact offset — a repeating pattern
 * (0..255, "abc...") would let a duplicated chunk of the right length pass.
 */
final class SeededBytes {
    private final long seed;

    SeededBytes(long seed) {
        this.seed = seed;
    }

    /** Fills {@code dst[off, off+len)} with the stream's bytes starting at {@code streamOffset}. */
    void fill(byte[] dst, int off, int len, long streamOffset) {
        for (int i = 0; i < len; i++) {
            dst[off + i] = byteAt(streamOffset + i);
        }
    }

    byte byteAt(long offset) {
        return (byte) (mix(seed * 0x9E3779B97F4A7C15L + (offset >>> 3)) >>> ((offset & 7) * 8));
    }

    /**
     * Index of the first byte of {@code actual[0, len)} that differs from the stream at
     * {@code streamOffset}, or -1 if all match.
     */
    int firstMismatch(byte[] actual, int len, long streamOffset) {
        for (int i = 0; i < len; i++) {
            if (actual[i] != byteAt(streamOffset + i)) return i;
        }
        return -1;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
