package org.iobench.bench.tools;


import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.iobench.api.Implementation;
import org.iobench.api.IobenchHome;
import org.iobench.api.ServerConfig;
import org.iobench.api.ServerProcess;
import org.iobench.bench.CpuPinning;
import org.iobench.bench.FdLimits;
import org.iobench.bench.ProcessStats;
import org.iobench.bench.driver.DriverIoKind;
import org.iobench.bench.driver.LoadShape;
import org.iobench.bench.measure.CoreDistance;
import org.iobench.bench.stats.FigureInterval;
import org.iobench.bench.stats.IntervalEstimate;
import org.iobench.bench.stats.RoundSamples;

/**
 * Is the Java driver the limit? Runs it and the native load client (the yardstick) against one
 * server in alternating rounds and judges, per connection count, the Java/native ratio of echoes/s
 * (median of the paired rounds with a 95% order-statistic interval) and the ratio of their CPU per echo.
 * See {@link DriverCheckOptions#USAGE} for the command line and exit status.
 */
public final class DriverCheck {
    static final int EXIT_OK = 0;
    static final int EXIT_MISSED = 1;
    static final int EXIT_USAGE = 2;
    private static final int ROUNDS_FOR_A_VERDICT = 5;

    private final DriverCheckOptions options;
    private final LoadShape.ClosedLoop shape;

    private DriverCheck(DriverCheckOptions options) {
        this.options = options;
        this.shape = LoadShape.closedLoop(options.payloadBytes(), options.depth());
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        DriverCheckOptions options;
        try {
            options = DriverCheckOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("driver-check: " + e.getMessage());
            System.err.println("usage: driver-check [options]; 'driver-check --help' lists them");
            return EXIT_USAGE;
        }
        if (options.help()) {
            System.out.println(DriverCheckOptions.USAGE);
            return EXIT_OK;
        }
        try {
            return new DriverCheck(options).check() ? EXIT_OK : EXIT_MISSED;
        } catch (IOException | RuntimeException e) {
            System.err.println("driver-check: run failed: " + e.getMessage());
            return EXIT_MISSED;
        }
    }

    private boolean check() throws IOException {
        int most = options.connectionCounts().stream().mapToInt(Integer::intValue).max().orElseThrow();
        String fdProblem = FdLimits.ofThisProcess().whyNot(most);
        if (fdProblem != null) throw new IOException(fdProblem);
        boolean withNative = options.withNative();
        if (withNative && !Files.isExecutable(IobenchHome.nativeClient())) {
            throw new IOException("native load client not built (" + IobenchHome.nativeClient()
                    + "): build the native module, or pass --no-native for Java figures only");
        }
        Implementation impl = Implementation.byId(options.impl()).orElseThrow();
        String clientCpus = DriverCheckOptions.cpuList(options.clientCpus());
        String serverCpus = DriverCheckOptions.cpuList(options.serverCpus());
        new CpuPinning(options.clientCpus(), options.serverCpus(), true).pinThisJvmToDriverCpus();
        int serverThreads = options.serverCpus().size();
        boolean allHeld = true;
        try (ServerProcess server = ServerProcess.start(impl, ServerConfig.defaults().withThreads(serverThreads), serverCpus)) {
            System.out.printf("server %s (pid %d, %d thread(s), CPUs %s) at %s; clients on CPUs %s, %d driver thread(s)"
                            + " with %s I/O; %d-byte messages, depth %d, %d rounds of %d s%n",
                    impl, server.pid(), serverThreads, serverCpus, server.address(), clientCpus, options.driverThreads(),
                    DriverIoKind.preferredFor(server.address()).name().toLowerCase(),
                    options.payloadBytes(), options.depth(), options.rounds(), options.seconds());
            if (withNative) {
                System.out.printf("native load client %s, sources sha256 %s%n", IobenchHome.nativeClient(),
                        NativeSourceHash.of(IobenchHome.get().resolve("implementations/native")));
            }
            for (int connections : options.connectionCounts()) {
                allHeld &= checkConnections(server, connections, clientCpus);
                if (!server.isAlive()) throw new IOException(impl + " died during the check: " + server.recentOutput());
            }
        }
        if (withNative) {
            System.out.println(allHeld ? "driver-check: ok: every target met"
                    : "driver-check: TARGET MISSED (see the lines marked MISSED)");
        }
        return allHeld;
    }

    private boolean checkConnections(ServerProcess server, int connections, String clientCpus) throws IOException {
        InetSocketAddress address = server.address();
        JavaDriverRun.Outcome warmup = runJava(address, connections, TimeUnit.SECONDS.toNanos(Math.max(1, options.warmupSeconds())));
        System.out.printf("connections %,d: warm-up done (source addresses: %s)%n", connections, warmup.sourceAddresses());
        List<ClientResult> javas = new ArrayList<>();
        List<ClientResult> natives = new ArrayList<>();
        // The VM's two CPUs switch between near and far placements (CoreDistance), which moves both clients'
        // figures by ~25%: a round whose placement changed between its two halves is no fair pair, so it is
        // measured again (at most as many times as there are rounds), and every round says where it ran.
        Optional<CoreDistance> distance = CoreDistance.between(options.clientCpus(), options.serverCpus(), IobenchHome.coreDistanceProbe());
        int again = 0;
        for (int round = 1; round <= options.rounds(); ) {   // a round measured again keeps its number
            boolean javaFirst = round % 2 == 1; // alternate, so drift over a round favours neither
            ClientResult java;
            ClientResult nativeResult = null;
            double before = distance.map(CoreDistance::measureNanos).orElse(Double.NaN);
            long serverCpuBefore = serverCpuNanos(server);
            long roundStart = System.nanoTime();
            if (options.withNative() && !javaFirst) nativeResult = runNative(address, connections, clientCpus);
            // probed between the halves too: a placement that flips and flips back within a round looks
            // the same before and after it (one such round read 0.81, the Java half far, the native near)
            double between = options.withNative() ? distance.map(CoreDistance::measureNanos).orElse(Double.NaN) : Double.NaN;
            JavaDriverRun.Outcome outcome = runJava(address, connections, TimeUnit.SECONDS.toNanos(options.seconds()));
            java = outcome.result();
            if (options.withNative() && javaFirst) {
                between = distance.map(CoreDistance::measureNanos).orElse(Double.NaN);
                nativeResult = runNative(address, connections, clientCpus);
            }
            double serverCpuPercent = (serverCpuNanos(server) - serverCpuBefore) * 100.0 / (System.nanoTime() - roundStart);
            double after = distance.map(CoreDistance::measureNanos).orElse(Double.NaN);
            String placement = Double.isNaN(before) ? ""
                    : Double.isNaN(between) ? String.format(" | CPU distance %.0f/%.0f ns", before, after)
                    : String.format(" | CPU distance %.0f/%.0f/%.0f ns", before, between, after);
            if (options.withNative() && splitPlacement(before, between, after) && again < options.rounds()) {
                again++;
                System.out.printf("connections %,6d round %d: the CPUs' placement changed within the round (%.0f -> %.0f -> %.0f ns):"
                        + " measuring it again%n", connections, round, before, between, after);
                continue;
            }
            javas.add(java);
            // the driver threads' own share shows how much of the process's CPU went to JIT and GC
            double driverThreadsMicrosPerEcho = outcome.drivers().driverCpuNanos() / 1e3 / Math.max(1, outcome.drivers().echoes());
            String line = String.format("connections %,6d round %d: java %,9.0f echoes/s %6.2f us CPU/echo (driver threads %.2f;"
                            + " CPU %3.0f%%, p50 %.0f us, p99 %.0f us)",
                    connections, round, java.echoesPerSecond(), java.cpuMicrosPerEcho(), driverThreadsMicrosPerEcho, java.cpuPercent(),
                    outcome.drivers().latencyMicros(50), outcome.drivers().latencyMicros(99));
            if (nativeResult != null) {
                natives.add(nativeResult);
                line += String.format(" | native %,9.0f echoes/s %6.2f us CPU/echo (CPU %3.0f%%) | ratio %.3f | server CPU %.0f%%",
                        nativeResult.echoesPerSecond(), nativeResult.cpuMicrosPerEcho(), nativeResult.cpuPercent(),
                        java.echoesPerSecond() / nativeResult.echoesPerSecond(), serverCpuPercent);
            }
            System.out.println(line + placement);
            round++;
        }
        return summarize(connections, javas, natives);
    }

    /** Whether the probes of a round (NaN: not probed) saw different placements (one more than 2x another). */
    static boolean splitPlacement(double... probes) {
        double[] seen = Arrays.stream(probes).filter(p -> !Double.isNaN(p)).toArray();
        if (seen.length < 2) return false;
        double far = Arrays.stream(seen).max().orElseThrow();
        double near = Arrays.stream(seen).min().orElseThrow();
        return CoreDistance.fartherThan(far, near);
    }

    private boolean summarize(int connections, List<ClientResult> javas, List<ClientResult> natives) {
        double[] javaCpu = javas.stream().mapToDouble(ClientResult::cpuMicrosPerEcho).toArray();
        double[] javaRate = javas.stream().mapToDouble(ClientResult::echoesPerSecond).toArray();
        if (natives.isEmpty()) {
            System.out.printf("connections %,6d: java %,.0f echoes/s, %.2f us CPU/echo (medians of %d rounds)%n",
                    connections, median(javaRate), median(javaCpu), javas.size());
            return true;
        }
        double[] rateRatios = new double[javas.size()];
        double[] cpuRatios = new double[javas.size()];
        for (int i = 0; i < rateRatios.length; i++) {
            rateRatios[i] = javas.get(i).echoesPerSecond() / natives.get(i).echoesPerSecond();
            cpuRatios[i] = javas.get(i).cpuMicrosPerEcho() / natives.get(i).cpuMicrosPerEcho();
        }
        IntervalEstimate rate = ratioInterval(rateRatios);
        IntervalEstimate cpu = ratioInterval(cpuRatios);
        boolean rateHeld = rate.low() >= options.minRatio();
        boolean cpuHeld = cpu.value() <= options.maxCpuRatio();
        String note = javas.size() < ROUNDS_FOR_A_VERDICT ? " (fewer than " + ROUNDS_FOR_A_VERDICT + " rounds: indicative only)" : "";
        System.out.printf("connections %,6d: echoes/s java/native %s (median [%.0f%% interval, %s], %d rounds) %s; "
                        + "CPU per echo java %.2f us, native %.2f us, java/native %s %s%s%n",
                connections, format(rate), 100 * rate.confidence(), rate.method(), rateRatios.length,
                rateHeld ? "ok (lower bound >= " + options.minRatio() + ")" : "MISSED (lower bound < " + options.minRatio() + ")",
                median(javaCpu), median(natives.stream().mapToDouble(ClientResult::cpuMicrosPerEcho).toArray()),
                format(cpu), cpuHeld ? "ok (median <= " + options.maxCpuRatio() + ")" : "MISSED (median > " + options.maxCpuRatio() + ")",
                note);
        return rateHeld && cpuHeld;
    }

    /**
     * The median of the paired per-round ratios with the project's interval for a figure over rounds
     * ({@link FigureInterval}: an order-statistic interval below 10 rounds, whose coverage is exact
     * whatever the distribution, where a percentile bootstrap of 5-7 values undercovers).
     */
    static IntervalEstimate ratioInterval(double[] perRoundRatios) {
        return FigureInterval.ofRoundValues(perRoundRatios);
    }

    private static double median(double[] values) {
        return RoundSamples.of(values).medianOfRoundMedians();
    }

    private static String format(IntervalEstimate figure) {
        return String.format(java.util.Locale.ROOT, "%.3f [%.3f, %.3f]", figure.value(), figure.low(), figure.high());
    }

    private JavaDriverRun.Outcome runJava(InetSocketAddress server, int connections, long windowNanos) throws IOException {
        return JavaDriverRun.run(server, connections, shape, options.clientCpus(), options.driverThreads(), windowNanos);
    }

    private ClientResult runNative(InetSocketAddress server, int connections, String clientCpus) throws IOException {
        return NativeLoadClient.run(IobenchHome.nativeClient(), server, connections, shape, clientCpus,
                options.driverThreads(), options.seconds());
    }

    private static long serverCpuNanos(ServerProcess server) throws IOException {
        return ProcessStats.read(server.pid()).cpuNanos();
    }
}
