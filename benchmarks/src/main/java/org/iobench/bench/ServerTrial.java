package org.iobench.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.iobench.api.Implementation;
import org.iobench.api.IobenchHome;
import org.iobench.api.ServerConfig;
import org.iobench.api.ServerLauncher;
import org.iobench.api.ServerProcess;
import org.iobench.api.Settings;
import org.iobench.bench.driver.DriverSnapshot;
import org.iobench.bench.measure.CoreDistance;
import org.iobench.bench.measure.GcPauses;
import org.iobench.bench.measure.HistogramIntervalLog;
import org.iobench.bench.measure.HotSpotPerfData;
import org.iobench.bench.measure.InterferenceProbe;
import org.iobench.bench.measure.IterationInterference;
import org.iobench.bench.measure.LiveHeap;
import org.iobench.bench.measure.ProcFiles;
import org.iobench.bench.measure.RemoteProcFiles;
import org.iobench.bench.measure.ServerPrimer;
import org.iobench.bench.profile.ProfileEvent;
import org.iobench.bench.profile.ServerProfiler;

/**
 * One JMH trial's server, shared by both benchmarks: pins this (forked) JVM to the driver CPUs,
 * starts the implementation as its own process on the server CPUs, serves it a few echoes on one
 * connection ({@link ServerPrimer}: its first-traffic costs are not the connections'), then samples
 * its idle RSS and descriptors with no connection open (the baseline of memory per connection; a
 * Java server's heap is fixed and pre-touched, see ServerCommand, so its live heap is read after a
 * full GC, here and after the fork's last measured iteration), brackets each iteration with /proc
 * samples (the server's cost, and the interference on the pinned CPUs) and, for a Java server, its
 * GC pause counters (hsperfdata) for {@link EchoMetricsProfiler}, writes
 * each iteration's latency histogram to the fork's interval log, and at the end stops the server
 * and checks the trial was valid. The driver threads' figures go through its {@link TrialLedger}.
 * In a profiled run ({@link Settings#PROFILE}) its {@link ServerProfiler} profiles the server from the
 * first measured iteration's start to the last one's end.
 *
 * <p>With {@link Settings#TARGET} set (host:port) no server is started: the driver goes to that address
 * and there are no server-side figures.
 */
final class ServerTrial {
    static final int ACCEPT_TIMEOUT_SECONDS = 30;
    /** After priming: how long the server may take to close the priming connection. */
    static final long PRIMING_CLOSE_TIMEOUT_MILLIS = 2_000;
    /** After priming: a pause before the idle sample, for what the server frees once a connection ends. */
    static final long SETTLE_MILLIS = 100;

    /** The trial running in this JVM; the profiler reads it after each iteration. */
    private static volatile ServerTrial current;
    /** Set by the profiler before each iteration: a measured one is next. */
    private static volatile boolean measuredIterationAhead;
    /** Set by the profiler before each iteration: the fork's last measured one is next. */
    private static volatile boolean lastMeasuredIterationAhead;

    final String implId;
    final int connections;
    final int payloadBytes;
    /** Offered echoes/s of the open loop; NaN for the closed loop. */
    final double offeredRate;
    final TrialLedger ledger = new TrialLedger();
    private final CpuPinning pinning;
    private final ServerProcess server;
    /** Where the server's /proc is read: here, or its own host through an agent (a forwarding launcher). */
    private final ProcFiles serverProc;
    /** The server's pid where it runs. */
    private final long serverPid;
    private final InetSocketAddress address;
    /** A HotSpot server, whose GC pause counters are read; a native one publishes none. */
    private final boolean javaServer;
    /** RSS of the listening server before the first connection: what memory per connection is counted from. */
    private final long idleRssKib;
    /** A Java server's live heap after a full GC at the same moment; -1 when unknown. */
    private final long idleLiveHeapBytes;
    /** The same after the fork's last measured iteration, connections open; -1 until then. */
    private volatile long liveHeapBytesAtEnd = -1;
    /** The live heap could not be read once (said once, then left out). */
    private volatile boolean liveHeapUnreadable;
    private final long idleFds;
    /** Stops the server if the forked JVM exits without the trial's teardown (a failed setup or benchmark). */
    private final Thread stopOnExit;
    /** Profiles the server over the measured iterations; null when the run is not profiled. */
    private final ServerProfiler profiler;
    /** What disturbed each iteration; null when there is no server process of ours to read. */
    private final InterferenceProbe interference;
    private volatile InterferenceProbe.Snapshot interferenceStart;
    private volatile InterferenceProbe.Snapshot interferenceEnd;
    /** How far apart the driver's and the server's CPUs are, probed around each iteration; null when not pinned. */
    private final CoreDistance coreDistance;
    private volatile double distanceAtStartNanos = Double.NaN;
    private volatile double distanceAtEndNanos = Double.NaN;
    /**
     * The fork's latency histograms, one interval per iteration (null when no file was given). Never
     * closed: the profiler appends the last iteration after the trial's teardown; each append is
     * flushed, and the fork exits after its one trial.
     */
    private final HistogramIntervalLog latencyLog;
    private WarmUp.Outcome warmUp;
    private volatile ProcessStats iterationStart;
    private volatile ProcessStats iterationEnd;
    private volatile GcPauses gcAtStart;
    private volatile GcPauses gcAtEnd;
    private volatile long iterationStartNanos;
    private volatile long iterationStartMillis;
    private volatile long iterationEndNanos;

    private ServerTrial(String implId, int connections, int payloadBytes, double offeredRate, CpuPinning pinning,
                        ServerProcess server, ProcFiles serverProc, boolean javaServer, InetSocketAddress address,
                        ServerProfiler profiler) throws IOException {
        this.implId = implId;
        this.profiler = profiler;
        this.connections = connections;
        this.payloadBytes = payloadBytes;
        this.offeredRate = offeredRate;
        this.pinning = pinning;
        this.server = server;
        this.serverProc = serverProc;
        this.serverPid = server == null ? -1 : server.serverPid();
        this.address = address;
        this.javaServer = javaServer;
        // On another host only what its /proc says is read: the heap, GC counters and the probes need this host
        boolean here = serverProc == ProcFiles.LOCAL;
        if (server != null) primeAndSettle(implId, server, serverProc, serverPid, address, payloadBytes);
        // before the idle RSS: the first attach starts the server's Attach Listener thread, a cost of the baseline
        this.idleLiveHeapBytes = server == null || !javaServer || !here ? -1 : liveHeapBytes(server.pid());
        this.idleRssKib = server == null ? -1 : ProcessStats.read(serverProc, serverPid).rssKib();
        this.idleFds = server == null ? -1 : ProcessStats.openFiles(serverProc, serverPid);
        this.interference = server == null || !here ? null : new InterferenceProbe(ProcessHandle.current().pid(), server.pid(),
                Stream.concat(pinning.driverCpus().stream(), pinning.serverCpus().stream()).distinct().toList(),
                ProcessStats.ticksPerSecond());
        this.coreDistance = server == null || !here || !pinning.pinned() ? null
                : CoreDistance.between(pinning.driverCpus(), pinning.serverCpus(), IobenchHome.coreDistanceProbe()).orElse(null);
        String hlog = Settings.HLOG_FILE.value();
        this.latencyLog = hlog.isBlank() ? null : HistogramIntervalLog.create(Path.of(hlog), System.currentTimeMillis(),
                implId + " connections=" + connections + " payloadBytes=" + payloadBytes
                        + (Double.isNaN(offeredRate) ? "" : " rate=" + (long) offeredRate));
        this.stopOnExit = server == null ? null : new Thread(server::stop, "stop-" + implId + "-on-exit");
        if (stopOnExit != null) Runtime.getRuntime().addShutdownHook(stopOnExit);
    }

    static ServerTrial start(TrialSpec spec) throws IOException {
        String implId = spec.implId();
        int connections = spec.connections();
        int payloadBytes = spec.payloadBytes();
        double offeredRate = spec.offeredRate();
        String work = spec.work();
        CpuPinning pinning = CpuPinning.fromPropertiesOrMachine();
        pinning.pinThisJvmToDriverCpus();
        String target = Settings.TARGET.value();
        ServerTrial trial;
        if (!target.isBlank()) {
            int colon = target.lastIndexOf(':');
            String host = target.substring(0, colon).replace("[", "").replace("]", "");
            trial = new ServerTrial(implId, connections, payloadBytes, offeredRate, pinning, null, ProcFiles.LOCAL, false,
                    new InetSocketAddress(host, Integer.parseInt(target.substring(colon + 1))), null);
        } else {
            Implementation impl = Implementation.byId(implId).orElseThrow(() -> new IllegalArgumentException(
                    "unknown implementation '" + implId + "' (known: " + Implementation.ids() + ")"));
            String configured = Settings.SERVER_THREADS.value().strip();
            int threads = spec.serverThreads() > 0 ? spec.serverThreads()
                    : configured.isEmpty() ? pinning.serverCpus().size() : Integer.parseInt(configured);
            String serverCpus = pinning.pinned() ? pinning.serverList() : null;
            ServerLauncher launcher = ServerLauncher.parse(Settings.SERVER_LAUNCHER.value());
            ServerConfig config = ServerConfig.defaults().withThreads(threads).withBindAddress(Settings.SERVER_BIND.value().strip())
                    .withWorkFromBenchmark(work, payloadBytes, spec.offloadThreads());
            ServerProfiler profiler = Settings.PROFILE.value().isBlank() ? null : ServerProfiler.of(
                    ProfileEvent.byId(Settings.PROFILE.value()), impl.family.isJava(), implId, Path.of(Settings.PROFILE_FILE.value()));
            // a native server is profiled from inside: it starts behind the profiler's preload (pinning included)
            List<String> profiledLaunch = profiler == null ? null : profiler.launchPrefix(serverCpus);
            ServerProcess server = ServerProcess.start(impl, config, profiledLaunch == null ? serverCpus : null,
                    profiledLaunch == null ? List.of() : profiledLaunch, launcher);
            ProcFiles serverProc = ProcFiles.LOCAL;
            try {
                if (!launcher.isEmpty() && !server.runsHere()) serverProc = forwardedServerProc(implId, launcher, server, profiler);
                trial = new ServerTrial(implId, connections, payloadBytes, offeredRate, pinning, server, serverProc,
                        impl.family.isJava(), server.address(), profiler);
            } catch (IOException | RuntimeException e) {
                server.stop();
                if (serverProc instanceof RemoteProcFiles agent) agent.close();
                throw e;
            }
        }
        current = trial;
        return trial;
    }

    /**
     * A launcher forwarded the server to another host (ssh, a container exec): its figures come from its
     * own host's /proc, through an agent started the same way. Profiling attaches here, so it is refused.
     */
    private static ProcFiles forwardedServerProc(String implId, ServerLauncher launcher, ServerProcess server,
                                                 ServerProfiler profiler) throws IOException {
        if (profiler != null) {
            throw new IllegalArgumentException("--profile needs the server on this host; the server launcher '" + launcher
                    + "' forwards it elsewhere");
        }
        RemoteProcFiles agent = RemoteProcFiles.start(launcher);
        System.err.println("iobench: " + implId + " runs through '" + launcher + "' as pid " + server.serverPid()
                + " there; its CPU, memory, threads and descriptors are read from that host's /proc by an agent");
        return agent;
    }

    /**
     * Serves the priming echoes and waits, bounded, until the server has closed that connection, so
     * the idle sample holds no connection but everything serving at all allocates.
     */
    private static void primeAndSettle(String implId, ServerProcess server, ProcFiles serverProc, long serverPid,
                                       InetSocketAddress address, int payloadBytes) throws IOException {
        long fdsBefore = ProcessStats.openFiles(serverProc, serverPid);
        try {
            ServerPrimer.prime(address, payloadBytes);
        } catch (IOException e) {
            throw new IOException(implId + " failed while primed with " + payloadBytes + "-byte echoes on one connection: "
                    + e.getMessage() + "; last output: " + String.join(" | ", server.recentOutput()), e);
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(PRIMING_CLOSE_TIMEOUT_MILLIS);
        try {
            while (ProcessStats.openFiles(serverProc, serverPid) > fdsBefore && System.nanoTime() < deadline) Thread.sleep(10);
            Thread.sleep(SETTLE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while " + implId + " settled after priming", e);
        }
    }

    /** EchoMetricsProfiler, before each iteration: whether it is measured, and the fork's last measured one. */
    static void nextIteration(boolean measured, boolean lastMeasured) {
        measuredIterationAhead = measured;
        lastMeasuredIterationAhead = lastMeasured;
    }

    static ServerTrial current() {
        return current;
    }

    CpuPinning pinning() {
        return pinning;
    }

    InetSocketAddress address() {
        return address;
    }

    /**
     * Thread-scope @Setup(Level.Trial), after connecting: a connection the kernel has completed is
     * not yet one the server has accepted (a thread-per-connection server may need seconds to
     * accept and spawn 10,000 threads). Waits, with no traffic yet (echoing on the first connections
     * would starve the accepting of the rest), until the server holds a descriptor per connection,
     * so the first iteration starts with all of them served. Bounded: after
     * {@value #ACCEPT_TIMEOUT_SECONDS} s it goes on, and the iterations show the rest.
     */
    void awaitAccepted() {
        if (server == null) return;
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(ACCEPT_TIMEOUT_SECONDS);
        long accepted = 0;
        while (System.nanoTime() < deadline) {
            try {
                accepted = ProcessStats.openFiles(serverProc, serverPid) - idleFds;
            } catch (IOException e) {
                throw new UncheckedIOException(implId + " server is gone while accepting: " + String.join(" | ", server.recentOutput()), e);
            }
            // a little slack: a JVM may close a descriptor it held at idle (a jar, a pipe) meanwhile
            if (accepted >= connections - Math.min(8, connections / 100)) break;
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while " + implId + " was accepting", e);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (accepted < connections - Math.min(8, connections / 100)) {
            System.err.printf("iobench: %s had accepted only %d of %d connections after %.1f s%n", implId, accepted, connections, seconds);
        } else if (seconds >= 1) {
            System.err.printf("iobench: %s accepted all %d connections after %.1f s%n", implId, connections, seconds);
        }
    }

    /** Benchmark-scope @Setup(Level.Iteration): runs before the driver threads start their intervals. */
    void iterationStarted() {
        // first: attaching costs the server CPU, which belongs to no iteration's samples
        if (profiler != null && measuredIterationAhead) profiler.measuredWindowStarted(server.pid());
        ledger.clearIteration();
        // before the samples: the probe's own few milliseconds of CPU are not the iteration's
        distanceAtStartNanos = coreDistance == null ? Double.NaN : coreDistance.measureNanos();
        iterationStart = sampleServer();
        gcAtStart = sampleGc();
        interferenceStart = sampleInterference();
        iterationStartNanos = System.nanoTime();
        iterationStartMillis = System.currentTimeMillis();
    }

    /** A driver thread finished warming up (each does, on its own connections). */
    synchronized void warmedUp(WarmUp.Outcome outcome) {
        warmUp = outcome.worst(warmUp);
    }

    synchronized WarmUp.Outcome warmUp() {
        return warmUp;
    }

    /** Benchmark-scope @TearDown(Level.Iteration): every driver thread has stopped sending by now. */
    void iterationEnded() {
        iterationEnd = sampleServer();
        gcAtEnd = sampleGc();
        interferenceEnd = sampleInterference();
        iterationEndNanos = System.nanoTime();
        if (profiler != null && lastMeasuredIterationAhead) profiler.measuredWindowEnded(server.pid());
        distanceAtEndNanos = coreDistance == null ? Double.NaN : coreDistance.measureNanos();
        // after every sample of the iteration: the full GC stops the server, and nothing is measured after it
        if (lastMeasuredIterationAhead && javaServer && server != null && idleLiveHeapBytes >= 0) {
            liveHeapBytesAtEnd = liveHeapBytes(server.pid());
        }
    }

    /** The ended iteration, for the profiler; null when no driver interval was handed over. */
    IterationMetrics.Inputs takeIteration(double echoesPerSecond, int driverThreads, boolean warmup) {
        DriverSnapshot combined = ledger.takeIteration();
        if (combined == null) return null;
        if (latencyLog != null) {
            try {
                latencyLog.append(combined.latencyNanos(), iterationStartMillis, System.currentTimeMillis(), warmup);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the latency log " + Settings.HLOG_FILE.value(), e);
            }
        }
        IterationInterference disturbance = interference == null || interferenceStart == null || interferenceEnd == null ? null
                : interference.between(interferenceStart, interferenceEnd);
        IterationMetrics.ServerSample serverSample = server == null || iterationStart == null || iterationEnd == null ? null
                : new IterationMetrics.ServerSample(iterationStart, iterationEnd, iterationEndNanos - iterationStartNanos,
                        idleRssKib, pinning.serverCpus().size(), javaServer, gcAtStart, gcAtEnd, takeLiveHeapChange());
        // the farther of the two: the iteration ran (at least partly) in that placement
        double distance = Math.max(distanceAtStartNanos, distanceAtEndNanos);
        return new IterationMetrics.Inputs(combined, driverThreads, echoesPerSecond, serverSample, connections, payloadBytes,
                offeredRate, disturbance, warmUp(), distance);
    }

    /**
     * Benchmark-scope @TearDown(Level.Trial), after the drivers closed: stops the server and fails
     * the trial if it did not exit with status 0, or if echoes failed outside the measured
     * iterations (where the {@code errors} metric cannot show them). Errors inside them stay in the
     * result as {@code errors > 0}, which marks it invalid; they are announced here too.
     */
    void stopAndVerify() {
        ledger.awaitDriversClosed(10_000);
        List<String> problems = new ArrayList<>();
        if (server != null) {
            boolean diedEarly = !server.isAlive();
            int status = server.stop();
            if (serverProc instanceof RemoteProcFiles agent) agent.close();
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
            // a native server writes its recording as it exits
            if (profiler != null) profiler.serverExited();
            if (diedEarly || status != 0) {
                problems.add(implId + " server " + (diedEarly ? "died during the trial" : "stopped") + " with exit status "
                        + status + "; last output:\n  " + String.join("\n  ", server.recentOutput()));
            }
        }
        if (ledger.unmeasuredErrors() > 0) {
            problems.add(ledger.unmeasuredErrors() + " echo errors outside the measured iterations (" + ledger.errorSummary() + ")");
        }
        if (ledger.measuredErrors() > 0) {
            System.err.println("iobench: INVALID: " + implId + " had " + ledger.measuredErrors()
                    + " echo errors in measured iterations (" + ledger.errorSummary() + ")");
        }
        if (!problems.isEmpty()) throw new IllegalStateException("invalid trial of " + implId + ": " + String.join("; ", problems));
    }

    private InterferenceProbe.Snapshot sampleInterference() {
        if (interference == null) return null;
        try {
            return interference.snapshot();
        } catch (IOException e) {
            throw new UncheckedIOException(implId + " server (pid " + server.pid() + ") is gone: "
                    + String.join(" | ", server.recentOutput()), e);
        }
    }

    /** The live heap change measured after the last measured iteration, once; null otherwise. */
    private IterationMetrics.LiveHeapChange takeLiveHeapChange() {
        long atEnd = liveHeapBytesAtEnd;
        if (atEnd < 0 || idleLiveHeapBytes < 0) return null;
        liveHeapBytesAtEnd = -1;
        return new IterationMetrics.LiveHeapChange(idleLiveHeapBytes, atEnd);
    }

    /** A Java server's live heap after a full GC, or -1 (said once) when it cannot be read. */
    private long liveHeapBytes(long pid) {
        try {
            return LiveHeap.afterFullGc(pid).orElse(-1);
        } catch (IOException e) {
            if (!liveHeapUnreadable) System.err.println("iobench: " + implId + " live heap not measured: " + e.getMessage());
            liveHeapUnreadable = true;
            return -1;
        }
    }

    /** The server JVM's GC pause totals; null for a native server or a JVM without perf counters. */
    private GcPauses sampleGc() {
        if (server == null || !javaServer || serverProc != ProcFiles.LOCAL) return null;
        try {
            return HotSpotPerfData.read(server.pid()).flatMap(GcPauses::of).orElse(null);
        } catch (IOException | IllegalArgumentException unreadable) {
            // a figure we cannot read is left out of the result, it does not fail the trial
            return null;
        }
    }

    private ProcessStats sampleServer() {
        if (server == null) return null;
        try {
            return ProcessStats.read(serverProc, serverPid);
        } catch (IOException e) {
            throw new UncheckedIOException(implId + " server (pid " + serverPid + ") is gone: "
                    + String.join(" | ", server.recentOutput()), e);
        }
    }
}
