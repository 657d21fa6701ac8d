package org.iobench.bench.driver;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.iobench.api.Implementation;
import org.iobench.api.IobenchHome;
import org.iobench.api.ServerConfig;
import org.iobench.api.ServerProcess;

/**
 * Is the Java driver the bottleneck? Runs it and the native load client side by side against one
 * server (default native-epoll-et, 1 thread, pinned to the server CPU), alternating A B A B so drift
 * on a shared machine hits both, and prints echoes/s of each and the ratio. This JVM pins itself to the
 * client CPU; the native client is started pinned to the same CPU.
 * <pre>driver-check [--impl ID] [--connections 100,1000] [--payload-bytes 64] [--depth 1] [--rounds 3]
 *              [--seconds 5] [--warmup-seconds 3] [--client-cpu 0] [--server-cpu 1] [--no-native]</pre>
 */
public final class DriverCheck {
    private static final Pattern NATIVE_RESULT =
            Pattern.compile("iobench-load-client: echoes=(\\d+) seconds=([\\d.]+) echoes_per_sec=([\\d.]+) errors=(\\d+)");

    private static final com.sun.management.OperatingSystemMXBean PROCESS =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();

    private String impl = "native-epoll-et";
    private int[] connectionCounts = {100, 1000};
    private int payloadBytes = 64;
    private int depth = 1;
    private int rounds = 3;
    private int seconds = 5;
    private int warmupSeconds = 3;
    private String clientCpu = "0";
    private String serverCpu = "1";
    private boolean withNative = true;
    private long serverPid;

    public static void main(String[] args) {
        DriverCheck check = new DriverCheck();
        try {
            check.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("driver-check: " + e.getMessage());
            System.exit(2);
        }
        try {
            System.exit(check.run() ? 0 : 1);
        } catch (IOException | RuntimeException e) {
            System.err.println("driver-check: " + e.getMessage());
            System.exit(1);
        }
    }

    private void parse(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("--no-native")) {
                withNative = false;
                continue;
            }
            if (i + 1 >= args.length) throw new IllegalArgumentException(flag + " needs a value");
            String value = args[++i];
            switch (flag) {
                case "--impl" -> impl = value;
                case "--connections" -> connectionCounts = Arrays.stream(value.split(",")).mapToInt(Integer::parseInt).toArray();
                case "--payload-bytes" -> payloadBytes = Integer.parseInt(value);
                case "--depth" -> depth = Integer.parseInt(value);
                case "--rounds" -> rounds = Integer.parseInt(value);
                case "--seconds" -> seconds = Integer.parseInt(value);
                case "--warmup-seconds" -> warmupSeconds = Integer.parseInt(value);
                case "--client-cpu" -> clientCpu = value;
                case "--server-cpu" -> serverCpu = value;
                default -> throw new IllegalArgumentException("unknown option '" + flag + "'");
            }
        }
    }

    private boolean run() throws IOException {
        Implementation implementation = Implementation.byId(impl)
                .orElseThrow(() -> new IllegalArgumentException("unknown impl '" + impl + "'; known: " + Implementation.ids()));
        if (withNative && !Files.isExecutable(IobenchHome.nativeClient())) {
            System.out.println("native load client not built (" + IobenchHome.nativeClient() + "): Java driver only");
            withNative = false;
        }
        pinThisProcess(clientCpu);
        boolean allHeld = true;
        try (ServerProcess server = ServerProcess.start(implementation, ServerConfig.defaults().withThreads(1), serverCpu)) {
            serverPid = server.pid();
            System.out.printf("server %s pid %d on CPU %s, 1 thread, %s; clients on CPU %s; %d-byte messages, depth %d%n",
                    impl, server.pid(), serverCpu, server.address(), clientCpu, payloadBytes, depth);
            for (int connections : connectionCounts) {
                runJava(server.address(), connections, warmupSeconds); // JIT warm-up, not counted
                Result javaSum = new Result(0, 0);
                Result nativeSum = new Result(0, 0);
                double[] roundRatios = new double[rounds];
                for (int round = 1; round <= rounds; round++) {
                    Result java = runJava(server.address(), connections, seconds);
                    javaSum = javaSum.plus(java);
                    String line = String.format("connections %5d round %d: java %,9.0f echoes/s %5.2f us CPU/echo", connections,
                            round, java.echoesPerSecond, java.cpuMicrosPerEcho);
                    if (withNative) {
                        Result nativeResult = runNative(server.address(), connections);
                        nativeSum = nativeSum.plus(nativeResult);
                        roundRatios[round - 1] = java.echoesPerSecond / nativeResult.echoesPerSecond;
                        line += String.format("  | native %,9.0f echoes/s %5.2f us CPU/echo (CPU %.0f%%)  | ratio %.3f",
                                nativeResult.echoesPerSecond, nativeResult.cpuMicrosPerEcho,
                                nativeResult.cpuMicrosPerEcho * nativeResult.echoesPerSecond / 1e4,
                                java.echoesPerSecond / nativeResult.echoesPerSecond);
                    }
                    System.out.println(line);
                }
                if (withNative) {
                    double ratio = javaSum.echoesPerSecond / nativeSum.echoesPerSecond;
                    allHeld &= ratio >= 0.9;
                    Arrays.sort(roundRatios);
                    System.out.printf("connections %5d: java %,.0f  native %,.0f echoes/s (means)  java/native = %.3f %s"
                                    + " (median of rounds %.3f); CPU per echo java %.2f us, native %.2f us%n",
                            connections, javaSum.echoesPerSecond / rounds, nativeSum.echoesPerSecond / rounds, ratio,
                            ratio >= 0.9 ? "(>= 0.90: ok)" : "(< 0.90: DRIVER IS SLOWER)", roundRatios[rounds / 2],
                            javaSum.cpuMicrosPerEcho / rounds, nativeSum.cpuMicrosPerEcho / rounds);
                } else {
                    System.out.printf("connections %5d: java %,.0f echoes/s, %.2f us CPU/echo (means)%n", connections,
                            javaSum.echoesPerSecond / rounds, javaSum.cpuMicrosPerEcho / rounds);
                }
            }
            if (!server.isAlive()) throw new IOException(impl + " died during the check: " + server.recentOutput());
        }
        return allHeld;
    }

    /** One side's figures for one round; CPU per echo is the load-independent one on a shared machine. */
    private record Result(double echoesPerSecond, double cpuMicrosPerEcho) {
        Result plus(Result other) {
            return new Result(echoesPerSecond + other.echoesPerSecond, cpuMicrosPerEcho + other.cpuMicrosPerEcho);
        }
    }

    /** The Java driver over {@code durationSeconds} after a 1 s settle; prints CPU and latency. */
    private Result runJava(InetSocketAddress server, int connections, int durationSeconds) throws IOException {
        long connectStart = System.nanoTime();
        try (LoadDriver driver = LoadDriver.connect(server, connections, LoadShape.closedLoop(payloadBytes, depth), DriverLimits.defaults())) {
            if (durationSeconds != seconds) {
                System.out.printf("    java: %d connections established in %d ms%n", connections,
                        (System.nanoTime() - connectStart) / 1_000_000);
            }
            pump(driver, TimeUnit.SECONDS.toNanos(1));
            driver.intervalSnapshot();
            long processCpuBefore = PROCESS.getProcessCpuTime();
            long serverTicksBefore = cpuTicksOf(serverPid);
            pump(driver, TimeUnit.SECONDS.toNanos(durationSeconds));
            DriverSnapshot s = driver.intervalSnapshot();
            long processCpuNanos = PROCESS.getProcessCpuTime() - processCpuBefore;
            double serverCpuPercent = (cpuTicksOf(serverPid) - serverTicksBefore) * 100.0 / CLOCK_TICKS_PER_SECOND / (s.wallNanos() / 1e9);
            if (s.errors() > 0) throw new IOException("java driver counted errors: " + driver.errorSummary());
            if (durationSeconds == seconds) {
                System.out.printf("    java: %d echoes in %.2f s, driver thread CPU %.0f%% (whole JVM %.0f%%), server CPU %.0f%%, p50 %.0f us p99 %.0f us%n",
                        s.echoes(), s.wallNanos() / 1e9, s.driverCpuPercent(), processCpuNanos * 100.0 / s.wallNanos(), serverCpuPercent,
                        s.latencyMicros(50), s.latencyMicros(99));
            }
            return new Result(s.echoesPerSecond(), s.driverCpuNanos() / 1e3 / Math.max(1, s.echoes()));
        }
    }

    private static void pump(LoadDriver driver, long nanos) {
        long end = System.nanoTime() + nanos;
        // checking the clock every 256 echoes keeps nanoTime off the per-echo path
        while (System.nanoTime() < end) {
            for (int i = 0; i < 256; i++) driver.awaitEcho();
        }
    }

    /**
     * The native client; its CPU is read from /proc during its measured window (after its 1 s warm-up,
     * with margins), in clock ticks, so CPU per echo is approximate (about 1%).
     */
    private Result runNative(InetSocketAddress server, int connections) throws IOException {
        List<String> command = List.of("taskset", "-c", clientCpu, IobenchHome.nativeClient().toString(),
                "--host", server.getAddress().getHostAddress(), "--port", Integer.toString(server.getPort()),
                "--connections", Integer.toString(connections), "--payload-bytes", Integer.toString(payloadBytes),
                "--depth", Integer.toString(depth), "--warmup-seconds", "1", "--duration-seconds", Integer.toString(seconds));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> output = new ArrayList<>();
        long[] cpuTicks = new long[2];
        long[] sampledAtNanos = new long[2];
        Thread sampler = Thread.ofPlatform().daemon().start(() -> sampleCpu(process.pid(), cpuTicks, sampledAtNanos));
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) output.add(line);
            if (!process.waitFor(seconds + 30L, TimeUnit.SECONDS)) throw new IOException("native client hung");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        } finally {
            process.destroyForcibly();
        }
        Matcher m = output.isEmpty() ? null : NATIVE_RESULT.matcher(output.getLast());
        if (m == null || !m.find() || process.exitValue() != 0) {
            throw new IOException("native client failed (exit " + process.exitValue() + "): " + String.join(" | ", output));
        }
        if (Long.parseLong(m.group(4)) > 0) throw new IOException("native client counted errors: " + output.getLast());
        double rate = Double.parseDouble(m.group(3));
        try {
            sampler.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        double cpuSeconds = (cpuTicks[1] - cpuTicks[0]) / (double) CLOCK_TICKS_PER_SECOND;
        double wallSeconds = (sampledAtNanos[1] - sampledAtNanos[0]) / 1e9;
        double cpuPerEcho = sampledAtNanos[1] == 0 ? Double.NaN : cpuSeconds / wallSeconds / rate * 1e6;
        return new Result(rate, cpuPerEcho);
    }

    private static final int CLOCK_TICKS_PER_SECOND = 100; // USER_HZ on Linux (getconf CLK_TCK)

    private void sampleCpu(long pid, long[] ticks, long[] atNanos) {
        long spawned = System.nanoTime();
        try {
            Thread.sleep(1_500); // the client's 1 s warm-up, its connects, a margin
            ticks[0] = cpuTicksOf(pid);
            atNanos[0] = System.nanoTime();
            Thread.sleep(Math.max(500, seconds * 1000L - 1_000));
            ticks[1] = cpuTicksOf(pid);
            atNanos[1] = System.nanoTime();
        } catch (InterruptedException | IOException | RuntimeException e) {
            atNanos[1] = 0; // not measured
        }
        if (atNanos[1] - spawned > TimeUnit.SECONDS.toNanos(seconds + 1)) atNanos[1] = 0; // overran the window
    }

    /** utime + stime of a process, from /proc/<pid>/stat (fields 14 and 15, after the command in parentheses). */
    private static long cpuTicksOf(long pid) throws IOException {
        String stat = Files.readString(java.nio.file.Path.of("/proc", Long.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** Pins every thread of this JVM (and the threads it starts later) to {@code cpus}. */
    private static void pinThisProcess(String cpus) throws IOException {
        long pid = ProcessHandle.current().pid();
        try {
            Process taskset = new ProcessBuilder("taskset", "-a", "-c", "-p", cpus, Long.toString(pid))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (taskset.waitFor() != 0) throw new IOException("taskset -a -c -p " + cpus + " " + pid + " failed");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while pinning");
        }
    }
}
