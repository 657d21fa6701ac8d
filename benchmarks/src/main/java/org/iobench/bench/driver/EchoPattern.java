package org.iobench.bench.driver;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;

/**
 * The bytes every connection sends, so each echo can be checked byte-for-byte without keeping a copy
 * of what was sent: byte {@code i} of connection {@code c}'s stream is {@code P[(i + offset(c)) mod
 * PERIOD]} where P is a fixed pseudo-random sequence. Connections start at different offsets, so a
 * server that mixes up two connections' bytes (cross-talk) fails the check too.
 *
 * <p>One direct buffer holds P followed by its first {@link #MAX_WINDOW_BYTES} bytes again, so every
 * window up to that length is contiguous; {@link #window} just moves position and limit (no
 * allocation). Not thread-safe: one instance per driver thread.
 */
final class EchoPattern {
    /** A (Mersenne) prime, longer than a window, so windows of common sizes (powers of two) do not line up with the period. */
    static final int PERIOD = 131_071;
    static final int MAX_WINDOW_BYTES = 64 * 1024;

    private final ByteBuffer bytes = ByteBuffer.allocateDirect(PERIOD + MAX_WINDOW_BYTES);

    EchoPattern() {
        SplittableRandom random = new SplittableRandom(0x10BE4C11L);
        byte[] period = new byte[PERIOD];
        random.nextBytes(period);
        bytes.put(period).put(period, 0, MAX_WINDOW_BYTES).clear();
    }

    /** Where connection {@code index} starts in the pattern: spread far apart, distinct for the first PERIOD. */
    static int offsetOf(int index) {
        return (int) ((index * 7_919L) % PERIOD);
    }

    /**
     * The shared buffer, positioned on the {@code length} bytes at stream position {@code streamOffset}
     * of a connection whose pattern offset is {@code offset}. Valid until the next call.
     */
    ByteBuffer window(long streamOffset, int offset, int length) {
        int start = (int) ((streamOffset + offset) % PERIOD);
        bytes.limit(start + length).position(start);
        return bytes;
    }
}
