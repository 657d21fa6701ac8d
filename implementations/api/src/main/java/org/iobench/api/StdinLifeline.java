package org.iobench.api;

import java.io.IOException;
import java.io.InputStream;

/**
 * {@code --exit-with-stdin}: the server's starter holds the write end of the server's standard input
 * and never writes to it. However the starter ends (exit, {@code kill -9}, the OOM killer, an
 * {@code ssh} session dropped), the kernel closes that end and the server reads end-of-file. A
 * parent-death signal would not do: it fires when the parent <em>thread</em> ends and does not cross
 * {@code ssh}.
 */
final class StdinLifeline {
    private StdinLifeline() {
    }

    /** Reads (and discards) standard input on a daemon thread; runs {@code onEnd} at end-of-file. */
    static void start(Runnable onEnd) {
        start(System.in, onEnd);
    }

    static Thread start(InputStream in, Runnable onEnd) {
        return Thread.ofPlatform().daemon().name("iobench-stdin-lifeline").start(() -> {
            byte[] discard = new byte[256];
            try {
                while (in.read(discard) >= 0) {
                    // whatever the starter writes means nothing; only the end does
                }
            } catch (IOException e) {
                // a broken stdin is as good as a closed one: nobody can reach us through it any more
            }
            onEnd.run();
        });
    }
}
