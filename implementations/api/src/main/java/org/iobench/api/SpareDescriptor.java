package org.iobench.api;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One descriptor held in reserve (on /dev/null) for the moment the process runs out. When accept
 * fails with EMFILE the pending connection stays in the kernel's queue, where its client waits
 * forever; releasing the spare lets one accept succeed, so the connection can be closed at once and
 * the client learns it was refused. The native server does the same ({@code echo_accept.c}).
 */
public final class SpareDescriptor implements AutoCloseable {
    private static final Path DEV_NULL = Path.of("/dev/null");
    /** The text of EMFILE and ENFILE ("... in system"); Java reports errno only through the message. */
    private static final String EXHAUSTED = "Too many open files";

    private FileChannel spare = open();

    /** Whether an accept failed because the process (or system) has no descriptor left. */
    public static boolean isExhaustion(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains(EXHAUSTED)) return true;
        }
        return false;
    }

    /** Frees the spare; false if there was none to free (lost to a failed {@link #retake()}). */
    public synchronized boolean release() {
        if (spare == null) return false;
        closeSpare();
        return true;
    }

    /** Takes the spare back if it was released; false when no descriptor is free for it. */
    public synchronized boolean retake() {
        if (spare == null) spare = open();
        return spare != null;
    }

    @Override
    public synchronized void close() {
        closeSpare();
    }

    private void closeSpare() {
        try {
            if (spare != null) spare.close();
        } catch (IOException e) {
            // closing /dev/null does not fail in any way that matters
        }
        spare = null;
    }

    private static FileChannel open() {
        try {
            return FileChannel.open(DEV_NULL, StandardOpenOption.READ);
        } catch (IOException e) {
            return null;
        }
    }
}
