package org.iobench.bench.measure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How far apart the driver's and the server's CPUs are right now: the round trip of one cache line
 * between a thread pinned to each, measured by the native {@code iobench-core-distance} probe between
 * iterations (both CPUs idle), a few milliseconds each time.
 *
 * <p>Why: on a virtual machine the host places the virtual CPUs, and moves them. On the development
 * VM (2 vCPUs, KVM, AMD EPYC) the two CPUs alternate, for tens of seconds at a time, between ~95 ns
 * (physical cores sharing a last-level cache) and ~390 ns (cores that do not). Loopback ping-pong then
 * costs ~25% more CPU per echo on both sides (native client against native server: ~205k against
 * ~163k echoes/s), while steal, interrupts, context switches and softirqs per echo stay the same: it is
 * invisible in /proc. This figure is how a run tells the two states apart: forks far apart are marked,
 * and the A/B gate never pairs a near fork with a far one.
 */
public final class CoreDistance {
    /** Round trips per probe: ~2 ms near, ~8 ms far, plus starting the process. */
    static final int ROUND_TRIPS = 21_000;
    private static final long TIMEOUT_MILLIS = 5_000;
    /**
     * Farther than this multiple of the nearest distance a run has seen is another placement. The two
     * states measured here differ by 4x; the probe's own spread between runs in one state is under 1.3x.
     */
    public static final double OTHER_PLACEMENT_RATIO = 2.0;
    private static final Pattern ROUND_TRIP = Pattern.compile("round_trip_ns=([0-9.]+)");

    private final Path probe;
    private final int firstCpu;
    private final int secondCpu;
    private volatile boolean failedOnce;

    private CoreDistance(Path probe, int firstCpu, int secondCpu) {
        this.probe = probe;
        this.firstCpu = firstCpu;
        this.secondCpu = secondCpu;
    }

    /**
     * A probe between the first driver CPU and the first server CPU; empty (with nothing to measure)
     * when nothing is pinned, the two share a CPU, or the probe was not built (no C compiler).
     */
    public static java.util.Optional<CoreDistance> between(List<Integer> driverCpus, List<Integer> serverCpus, Path probe) {
        if (driverCpus.isEmpty() || serverCpus.isEmpty() || !Files.isExecutable(probe)) return java.util.Optional.empty();
        int driver = driverCpus.getFirst();
        int server = serverCpus.getFirst();
        return driver == server ? java.util.Optional.empty() : java.util.Optional.of(new CoreDistance(probe, driver, server));
    }

    /** The round trip in ns; NaN (said once on stderr) when the probe failed. */
    public double measureNanos() {
        try {
            Process process = new ProcessBuilder(probe.toString(), "--cpus", firstCpu + "," + secondCpu,
                    "--round-trips", Integer.toString(ROUND_TRIPS)).redirectErrorStream(true).start();
            if (!process.waitFor(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return failed("no answer within " + TIMEOUT_MILLIS + " ms");
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            OptionalDouble nanos = parse(output);
            if (process.exitValue() != 0 || nanos.isEmpty()) return failed("exit " + process.exitValue() + ": " + output);
            return nanos.getAsDouble();
        } catch (IOException e) {
            return failed(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Double.NaN;
        }
    }

    /** The round trip a probe printed, or empty. */
    static OptionalDouble parse(String output) {
        Matcher m = ROUND_TRIP.matcher(output);
        return m.find() ? OptionalDouble.of(Double.parseDouble(m.group(1))) : OptionalDouble.empty();
    }

    /** Whether {@code nanos} is another placement than the nearest one seen, {@code nearestNanos}. */
    public static boolean fartherThan(double nanos, double nearestNanos) {
        return nanos > OTHER_PLACEMENT_RATIO * nearestNanos;
    }

    private double failed(String why) {
        if (!failedOnce) {
            System.err.printf(Locale.ROOT, "iobench: CPU distance %d-%d not measured: %s%n", firstCpu, secondCpu, why);
        }
        failedOnce = true;
        return Double.NaN;
    }
}
