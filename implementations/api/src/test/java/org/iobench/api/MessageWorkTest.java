package org.iobench.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MessageWorkTest {

    private static MessageWork of(String work, int messageBytes) {
        return MessageWork.of(ServerConfig.defaults().withWork(Work.parse(work), messageBytes));
    }

    @Test
    void noneIsNoWorkAndNoFraming() {
        MessageWork none = of("none", 64);
        assertFalse(none.any());
        assertFalse(none.blocks());
        assertEquals(0, none.messageBytes());
    }

    @Test
    void cpuWorkIsCalibratedToMorePassesForMoreMicrosAndLeavesTheBytesAlone() {
        MessageWork small = of("cpu:5", 1024);
        MessageWork large = of("cpu:50", 1024);
        assertTrue(small.passes() >= 1);
        assertTrue(large.passes() > 5 * small.passes(), () -> small.passes() + " vs " + large.passes());
        byte[] bytes = new byte[1024];
        for (int i = 0; i < bytes.length; i++) bytes[i] = (byte) i;
        byte[] copy = bytes.clone();
        large.perform(bytes, 0, bytes.length);
        assertArrayEquals(copy, bytes);
        ByteBuffer buffer = ByteBuffer.wrap(bytes).position(10).limit(900);
        large.perform(buffer);
        assertEquals(10, buffer.position());
        assertEquals(900, buffer.limit());
    }

    @Test
    void cpuWorkTakesRoughlyTheAskedTime() {
        MessageWork work = of("cpu:200", 256);
        ByteBuffer message = ByteBuffer.allocateDirect(256);
        for (int i = 0; i < 200; i++) work.perform(message);   // warm
        long best = Long.MAX_VALUE;
        for (int round = 0; round < 20; round++) {
            long start = System.nanoTime();
            work.perform(message);
            best = Math.min(best, System.nanoTime() - start);
        }
        // The best of 20 on a busy machine: generous bounds, it must be µs-scale work, not nothing, not ms.
        long micros = TimeUnit.NANOSECONDS.toMicros(best);
        assertTrue(micros >= 60 && micros <= 1000, () -> "cpu:200 took " + micros + " µs at best");
    }

    @Test
    void blockWorkParksForTheDuration() {
        MessageWork work = of("block:20", 64);
        assertTrue(work.blocks());
        long start = System.nanoTime();
        work.perform(new byte[64], 0, 64);
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(20));
    }
}
