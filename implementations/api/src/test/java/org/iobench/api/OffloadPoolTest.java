package org.iobench.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class OffloadPoolTest {

    @Test
    @Timeout(10)
    void aFullPoolRefusesAndWakesTheWaiterWhenATaskCompletes() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch woken = new CountDownLatch(1);
        try (OffloadPool pool = new OffloadPool("test-offload", 2, 1)) {
            for (int i = 0; i < 3; i++) assertTrue(pool.submit(heldUntil(release), () -> { }));
            assertEquals(3, pool.inFlight());
            assertFalse(pool.submit(() -> { }, woken::countDown), "threads + queue are taken: refused");
            assertEquals(1, woken.getCount());
            release.countDown();
            assertTrue(woken.await(5, TimeUnit.SECONDS), "the waiter is woken once a task completes");
        }
    }

    @Test
    @Timeout(10)
    void aWokenCallerWithNothingToSubmitPassesTheSlotOn() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch secondWoken = new CountDownLatch(1);
        try (OffloadPool pool = new OffloadPool("test-offload", 1, 0)) {
            assertTrue(pool.submit(heldUntil(release), () -> { }));
            assertFalse(pool.submit(() -> { }, pool::passOn), "full: the first waiter, whose connection closes");
            assertFalse(pool.submit(() -> { }, secondWoken::countDown), "full: the second waiter");
            release.countDown();
            assertTrue(secondWoken.await(5, TimeUnit.SECONDS), "the first waiter passed its wake-up on");
        }
    }

    @Test
    @Timeout(20)
    void manySubmittersRetryingWhenWokenAllGetThrough() throws Exception {
        int tasks = 2_000;
        AtomicInteger done = new AtomicInteger();
        CountDownLatch all = new CountDownLatch(tasks);
        try (OffloadPool pool = new OffloadPool("test-offload", 4, 8)) {
            for (int i = 0; i < tasks; i++) new Retrying(pool, () -> {
                done.incrementAndGet();
                all.countDown();
            }).run();
            assertTrue(all.await(15, TimeUnit.SECONDS), () -> done.get() + " of " + tasks + " ran: a waiter was forgotten");
        }
    }

    /** A task that holds its pool thread until {@code release} opens. */
    private static Runnable heldUntil(CountDownLatch release) {
        return () -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }

    /** What a connection does: submit, and when refused, submit again once woken. */
    private record Retrying(OffloadPool pool, Runnable task) implements Runnable {
        @Override
        public void run() {
            pool.submit(task, this);
        }
    }
}
