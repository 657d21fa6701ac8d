package org.iobench.bench.tools;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.iobench.bench.ProcessStats;
import org.iobench.bench.driver.LoadShape;

/**
 * One run of the native load client ({@code iobench-load-client}), pinned to the client CPUs. It
 * measures its own window (after its warm-up) and prints the echoes in it; its process CPU is read
 * with {@link ProcessStats} over an inner window that its own one surely contains: from
 * {@link #WARMUP_SECONDS} + {@link #CONNECT_MARGIN_NANOS} after the start (its clock starts once every
 * connection is up) to {@link #END_MARGIN_NANOS} before its window can end. CPU per echo is then
 * its CPU rate over its echo rate, the same quantity as the Java side's.
 */
final class NativeLoadClient {
    private static final Pattern RESULT =
            Pattern.compile("iobench-load-client: echoes=(\\d+) seconds=([\\d.]+) echoes_per_sec=([\\d.]+) errors=(\\d+)");
    static final int WARMUP_SECONDS = 2;
    /** Longest its connects may take before its clock starts; the CPU window opens after it. */
    private static final long CONNECT_MARGIN_NANOS = TimeUnit.MILLISECONDS.toNanos(700);
    private static final long END_MARGIN_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private NativeLoadClient() {
    }

    static ClientResult run(Path binary, InetSocketAddress server, int connections, LoadShape.ClosedLoop shape,
                            String cpuList, int threads, int seconds) throws IOException {
        List<String> command = List.of("taskset", "-c", cpuList, binary.toString(),
                "--host", server.getAddress().getHostAddress(), "--port", Integer.toString(server.getPort()),
                "--connections", Integer.toString(connections), "--payload-bytes", Integer.toString(shape.payloadBytes()),
                "--depth", Integer.toString(shape.depth()), "--threads", Integer.toString(threads),
                "--warmup-seconds", Integer.toString(WARMUP_SECONDS), "--duration-seconds", Integer.toString(seconds));
        long started = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> output = new ArrayList<>();
        Thread reader = Thread.ofPlatform().daemon().start(() -> collect(process, output));
        try {
            long cpuStart = started + TimeUnit.SECONDS.toNanos(WARMUP_SECONDS) + CONNECT_MARGIN_NANOS;
            long cpuEnd = started + TimeUnit.SECONDS.toNanos(WARMUP_SECONDS + seconds) - END_MARGIN_NANOS;
            long[] cpu = new long[2];
            long[] at = new long[2];
            boolean sampled = sample(process, cpuStart, cpu, at, 0) && sample(process, cpuEnd, cpu, at, 1);
            if (!process.waitFor(seconds + 60L, TimeUnit.SECONDS)) throw new IOException("native client did not end: " + command);
            reader.join(TimeUnit.SECONDS.toMillis(5));
            String last;
            synchronized (output) {
                last = output.isEmpty() ? "" : output.getLast();
            }
            Matcher m = RESULT.matcher(last);
            if (!m.find() || process.exitValue() != 0 || Long.parseLong(m.group(4)) > 0) {
                synchronized (output) {
                    throw new IOException("native client failed (exit " + process.exitValue() + "): " + String.join(" | ", output));
                }
            }
            if (!sampled) throw new IOException("native client ended before its CPU could be read");
            long echoes = Long.parseLong(m.group(1));
            long wallNanos = (long) (Double.parseDouble(m.group(2)) * 1e9);
            // its CPU rate over the inner window, applied to its own window
            double cpuPerWallNanos = (double) (cpu[1] - cpu[0]) / (at[1] - at[0]);
            return new ClientResult(echoes, wallNanos, (long) (cpuPerWallNanos * wallNanos));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        } finally {
            process.destroyForcibly();
        }
    }

    /** Reads the client's CPU time at {@code nanoTime}; false if it had already exited. */
    private static boolean sample(Process process, long nanoTime, long[] cpu, long[] at, int slot) throws IOException {
        JavaDriverRun.sleepUntil(nanoTime);
        if (!process.isAlive()) return false;
        try {
            cpu[slot] = ProcessStats.read(process.pid()).cpuNanos();
        } catch (IOException e) {
            return false; // it exited between the check and the read
        }
        at[slot] = System.nanoTime();
        return true;
    }

    private static void collect(Process process, List<String> output) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                synchronized (output) {
                    output.add(line);
                }
            }
        } catch (IOException e) {
            // the process ended; what was read is what there is
        }
    }
}
