package org.iobench.api;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.zip.CRC32C;

/**
 * Performs a {@link Work} on one message; every server calls it once per whole message, before
 * echoing that message's bytes unchanged.
 *
 * <p>CPU work is CRC32C over the message's bytes, pass after pass, each pass continuing the previous
 * one's checksum, for a number of passes calibrated once per message size so that they take about
 * the asked µs on this machine (printed on stderr at start). A pass count, not a deadline: under
 * contention the work stays the same amount of CPU, as a real handler's would. The checksum is
 * compared with a volatile the JIT must re-read (JMH's Blackhole trick), so the passes cannot be
 * dropped, and nothing is written per message to memory other threads share.
 *
 * <p>Block work parks the calling thread for the duration (a virtual thread unmounts, as it would in
 * a JDBC call); an interrupt (the server closing) ends it early.
 */
public final class MessageWork {
    private static final long CALIBRATION_ROUND_MILLIS = 20;
    private static final int CALIBRATION_STEADY_ROUNDS = 10;
    private static final long CALIBRATION_MAX_MILLIS = 2_000;
    private static final int CALIBRATION_PASSES_PER_CALL = 100;
    /** Calibrations done in this JVM, by message size: in-process tests start many servers. */
    private static final Map<Integer, Double> NANOS_PER_PASS = new ConcurrentHashMap<>();
    /** Never equal to a checksum in practice; volatile, so every comparison with it is real. */
    private static volatile long trap = -1L;
    private static volatile long trapHits;

    private final Work work;
    private final int messageBytes;
    private final int passes;
    private final long blockNanos;

    private MessageWork(Work work, int messageBytes, int passes, long blockNanos) {
        this.work = work;
        this.messageBytes = messageBytes;
        this.passes = passes;
        this.blockNanos = blockNanos;
    }

    /** The work of a server's configuration, calibrated (CPU work only) and reported on stderr. */
    public static MessageWork of(ServerConfig config) {
        Work work = config.work();
        return switch (work) {
            case Work.None none -> new MessageWork(work, 0, 0, 0);
            case Work.Block block -> new MessageWork(work, config.messageBytes(), 0, Math.round(block.millis() * 1e6));
            case Work.Cpu cpu -> {
                double nanosPerPass = NANOS_PER_PASS.computeIfAbsent(config.messageBytes(), MessageWork::calibrate);
                int passes = (int) Math.max(1, Math.round(cpu.micros() * 1000 / nanosPerPass));
                System.err.printf("iobench: work %s = %d CRC32C passes over each %d-byte message (%.1f ns per pass, calibrated)%n",
                        work.text(), passes, config.messageBytes(), nanosPerPass);
                yield new MessageWork(work, config.messageBytes(), passes, 0);
            }
        };
    }

    public Work work() {
        return work;
    }

    /** Bytes per message; the server frames its input in messages of this size (0 with no work). */
    public int messageBytes() {
        return messageBytes;
    }

    /** Whether there is any work (false: the server's plain echo path, with no framing). */
    public boolean any() {
        return !(work instanceof Work.None);
    }

    /** Whether the work blocks its thread: an event loop hands it to its offload pool. */
    public boolean blocks() {
        return work instanceof Work.Block;
    }

    /** CRC passes per message (0 unless CPU work). */
    int passes() {
        return passes;
    }

    /** The work on the bytes between the buffer's position and limit; position and limit are kept. */
    public void perform(ByteBuffer message) {
        if (passes > 0) {
            int start = message.position();
            CRC32C crc = new CRC32C();
            for (int i = 0; i < passes; i++) {
                crc.update(message);
                message.position(start);
            }
            observe(crc.getValue());
        } else if (blockNanos > 0) {
            block();
        }
    }

    /** The work on {@code length} bytes of {@code bytes} from {@code offset}. */
    public void perform(byte[] bytes, int offset, int length) {
        if (passes > 0) {
            CRC32C crc = new CRC32C();
            for (int i = 0; i < passes; i++) crc.update(bytes, offset, length);
            observe(crc.getValue());
        } else if (blockNanos > 0) {
            block();
        }
    }

    private static void observe(long checksum) {
        if (checksum == trap) trapHits++;
    }

    private void block() {
        long deadline = System.nanoTime() + blockNanos;
        for (long left = blockNanos; left > 0; left = deadline - System.nanoTime()) {
            LockSupport.parkNanos(left);   // may return early (spuriously): park again for the rest
            if (Thread.currentThread().isInterrupted()) return;
        }
    }

    /**
     * The fastest round of 20 ms, once the fastest has stopped improving (by more than 2% over the
     * last {@link #CALIBRATION_STEADY_ROUNDS} rounds) or after {@link #CALIBRATION_MAX_MILLIS}: the
     * JIT compiles the hashing loop (CRC32C's intrinsic is C2's) at a time of its choosing, and a
     * busy machine only ever makes a round slower. Timed as the servers run it, many passes per
     * call: one pass per call would count the call's own cost as work and make the real work several
     * times too short (seen: cpu:200 took 50 µs).
     */
    private static double calibrate(int messageBytes) {
        ByteBuffer message = ByteBuffer.allocateDirect(Math.max(1, messageBytes));
        for (int i = 0; i < message.capacity(); i++) message.put(i, (byte) (i * 31));
        MessageWork probe = new MessageWork(new Work.Cpu(1), messageBytes, CALIBRATION_PASSES_PER_CALL, 0);
        long giveUp = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CALIBRATION_MAX_MILLIS);
        long roundNanos = TimeUnit.MILLISECONDS.toNanos(CALIBRATION_ROUND_MILLIS);
        double best = Double.MAX_VALUE;
        int roundsWithoutGain = 0;
        while (roundsWithoutGain < CALIBRATION_STEADY_ROUNDS && System.nanoTime() < giveUp) {
            long passes = 0;
            long start = System.nanoTime();
            long elapsed;
            do {
                probe.perform(message);
                passes += CALIBRATION_PASSES_PER_CALL;
                elapsed = System.nanoTime() - start;
            } while (elapsed < roundNanos);
            double nanosPerPass = (double) elapsed / passes;
            roundsWithoutGain = nanosPerPass < best * 0.98 ? 0 : roundsWithoutGain + 1;
            best = Math.min(best, nanosPerPass);
        }
        return best;
    }
}
