package org.iobench.api;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The bounded worker pool an event loop hands blocking work to: {@code threads} threads and a queue
 * of at most {@code queue} tasks, never more. When both are full, {@link #submit} refuses the task
 * and keeps the caller's wake-up instead; the caller stops reading that connection (backpressure)
 * and tries again when woken, which happens once per task that completes. Every completion wakes at
 * most one waiter and a waiter is only added while the pool is full, so none is forgotten, provided
 * a woken caller either submits again or calls {@link #passOn()}.
 *
 * <p>Threads are started on demand and stay (core = maximum); they are daemons so a forgotten pool
 * never keeps a JVM alive, and {@link #close()} interrupts and joins them.
 */
public final class OffloadPool implements AutoCloseable {
    private final String name;
    private final int capacity;
    private final ThreadPoolExecutor executor;
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    /** Guarded by this. */
    private int inFlight;
    /** Guarded by this: callers refused while the pool was full, oldest first. */
    private final ArrayDeque<Runnable> waiters = new ArrayDeque<>();

    public OffloadPool(String name, int threads, int queue) {
        if (threads < 1 || queue < 0) throw new IllegalArgumentException("offload pool needs threads >= 1 and queue >= 0");
        this.name = name;
        this.capacity = threads + queue;
        ThreadFactory named = Thread.ofPlatform().name(name + "-", 0).daemon(true).factory();
        this.executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS,
                // The bound is inFlight: a task counts as done just before its thread takes the next, so
                // the queue may briefly hold one more than `queue`, never more than `capacity`: never rejects.
                new ArrayBlockingQueue<>(capacity),
                task -> {
                    Thread thread = named.newThread(task);
                    this.threads.add(thread);
                    return thread;
                });
    }

    /**
     * Runs {@code task} on the pool, or, when {@code threads + queue} tasks are already taken, returns
     * false and calls {@code wakeWhenFree} (on a pool thread, so it must only hand over) once a task
     * has completed.
     */
    public boolean submit(Runnable task, Runnable wakeWhenFree) {
        synchronized (this) {
            if (inFlight == capacity) {
                waiters.add(wakeWhenFree);
                return false;
            }
            inFlight++;
        }
        executor.execute(() -> {
            try {
                task.run();
            } finally {
                completed();
            }
        });
        return true;
    }

    private void completed() {
        Runnable wake;
        synchronized (this) {
            inFlight--;
            wake = waiters.poll();
        }
        if (wake != null) wake.run();
    }

    /**
     * A woken caller that no longer has anything to submit (its connection closed meanwhile) calls
     * this instead, so the free slot's wake-up goes to the next waiter rather than being lost.
     */
    public void passOn() {
        Runnable wake;
        synchronized (this) {
            wake = inFlight < capacity ? waiters.poll() : null;
        }
        if (wake != null) wake.run();
    }

    /** Tasks taken (running or queued); for tests. */
    public synchronized int inFlight() {
        return inFlight;
    }

    /** Interrupts running tasks (a blocked one ends at once), drops queued ones, joins the threads (bounded). */
    @Override
    public void close() {
        executor.shutdownNow();
        ServerThreads.joinAll(name, threads, System.nanoTime() + TimeUnit.SECONDS.toNanos(5));
    }
}
