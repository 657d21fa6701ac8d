package org.iobench.api;

import java.io.Closeable;
import java.io.IOException;

/**
 * What stands between accept and serving, for every Java server: beyond what memory holds
 * ({@link ConnectionBudget}) or once descriptors run out ({@link SpareDescriptor}), a connection is
 * accepted and closed at once, so its client learns it was refused instead of waiting forever in the
 * kernel's queue.
 */
public final class Admission implements AutoCloseable {
    private final ConnectionBudget budget;
    private final SpareDescriptor spare = new SpareDescriptor();
    private final RateLimitedLog log;

    /** {@code budget} null: no memory cap (the server bounds its memory otherwise). */
    public Admission(String serverId, ConnectionBudget budget) {
        this.budget = budget;
        this.log = new RateLimitedLog(serverId);
    }

    /** An accept that blocks or fails; the JDK's accept methods. */
    public interface Accept<T> {
        T accept() throws IOException;
    }

    /**
     * For an acceptor thread: one connection to serve (the caller must {@link #release()} it when it
     * ends), or null when one was refused. A failure other than descriptor exhaustion is thrown.
     */
    public <T extends Closeable> T accept(Accept<T> accept) throws IOException {
        T connection;
        boolean onSpare = false;
        spare.retake();   // if a descriptor came free since the spare was lost (normally a no-op)
        try {
            connection = accept.accept();
        } catch (IOException e) {
            if (!releaseSpareFor(e)) throw e;
            onSpare = true;
            try {
                connection = accept.accept();
            } catch (IOException again) {
                retakeSpare();
                throw again;
            }
        }
        T accepted = connection;
        return admit(onSpare, () -> closeQuietly(accepted)) ? accepted : null;
    }

    /**
     * After a failed accept: true if it failed for want of a descriptor and the spare was given up, so
     * that the next accept gets one (pass {@code acceptedOnSpare} for the connection it returns).
     */
    public boolean releaseSpareFor(Throwable acceptFailure) {
        return SpareDescriptor.isExhaustion(acceptFailure) && spare.release();
    }

    /**
     * Decides about a connection just accepted: true to serve it; false when it was refused, after
     * {@code close} has closed it. A connection accepted on the spare descriptor is kept only if a
     * descriptor came free meanwhile for the spare.
     */
    public boolean admit(boolean acceptedOnSpare, Runnable close) {
        if (acceptedOnSpare && !spare.retake()) {
            close.run();
            spare.retake();
            log.log("descriptor limit reached: refusing connections (accepted and closed at once)");
            return false;
        }
        if (budget != null && !budget.tryAdmit()) {
            close.run();
            log.log("memory cap of " + budget.maxConnections() + " connections reached: refusing more (accepted and closed at once)");
            return false;
        }
        return true;
    }

    /** An accept on the spare descriptor failed: take the spare back. */
    public void retakeSpare() {
        spare.retake();
    }

    /** An admitted connection has ended. */
    public void release() {
        if (budget != null) budget.release();
    }

    @Override
    public void close() {
        spare.close();
    }

    private static void closeQuietly(Closeable connection) {
        try {
            connection.close();
        } catch (IOException e) {
            // refused anyway
        }
    }
}
