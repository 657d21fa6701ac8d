package org.iobench.api;

import java.util.Arrays;

/**
 * Where an echo differs from what was sent, told in one line: the offset and a short excerpt of both
 * around it, never the whole payload (a message may be megabytes).
 */
final class Mismatch {
    /** Bytes shown before the first difference, and in all. */
    static final int CONTEXT_BYTES = 8;
    static final int EXCERPT_BYTES = 32;

    private Mismatch() {
    }

    /** The first offset where the two differ, or -1 when they are equal. */
    static int firstDifference(byte[] sent, byte[] received) {
        return Arrays.mismatch(sent, received);
    }

    static String describe(byte[] sent, byte[] received, int at) {
        int from = Math.max(0, at - CONTEXT_BYTES);
        return "at byte " + at + " of " + sent.length + ": sent " + excerpt(sent, from) + ", received " + excerpt(received, from);
    }

    /** Up to {@link #EXCERPT_BYTES} from {@code from}: printable ASCII as is, anything else as \xNN. */
    static String excerpt(byte[] bytes, int from) {
        int to = Math.min(bytes.length, from + EXCERPT_BYTES);
        StringBuilder text = new StringBuilder(from > 0 ? "'..." : "'");
        for (int i = from; i < to; i++) {
            int b = bytes[i] & 0xff;
            if (b >= 0x20 && b < 0x7f && b != '\\' && b != '\'') text.append((char) b);
            else text.append(String.format("\\x%02x", b));
        }
        return text.append(to < bytes.length ? "...'" : "'").toString();
    }
}
