package org.iobench.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The benchmark matrices, sized for a 2-core machine with 12 implementations, and how each is
 * measured: every trial (one benchmark at one parameter combination) runs once per round, one JMH
 * fork each, in a fresh shuffled order per round ({@link TrialSchedule}); each fork first drives its
 * server until the figures are steady ({@link WarmUp}), then measures a few short iterations. The
 * variance that matters sits between forks (a fresh driver JVM and server process each), so the
 * budget goes to rounds rather than to long iterations; see the README for how the numbers were chosen.
 * <ul>
 *   <li>{@code smoke}: 2 implementations, 10 connections, 2 rounds: proves the pipeline in CI (&lt; 1 min).
 *   <li>{@code quick}: 100 connections, 64 B, every implementation, 5 rounds: a first look and the CI gate's matrix.
 *   <li>{@code standard}: 1 to 10,000 connections for every implementation, 64 B ping-pong and open
 *       loop at 10,000 echoes/s, 5 rounds.
 *   <li>{@code gate}: the regression gate's matrix (the primary figures of {@code quick}), measured A/B by
 *       {@code scripts/compare-refs}: base and head forks back to back, so its rounds are paired.
 *   <li>{@code full}: the whole matrix, 1 to 100,000 connections, payload {64, 1024, 16384} x depth {1, 16} and
 *       three offered rates, and connection churn (1 and 100 in flight), 10 rounds.
 *   <li>{@code capacity}: the open loop stepped from 10,000 to 160,000 echoes/s at 100 connections, 5 rounds: the
 *       highest rate each model carries within a p99 objective (summary.md, "Capacity under a latency objective").
 *   <li>{@code workloads}: what users run rather than a pure echo at one size: message sizes 64 B to 64 KiB at
 *       100 and 1,000 connections; 1 KiB messages with 20 µs of CPU or a 1 ms blocking call each (closed loop at
 *       100 and 1,000 connections, and the blocking call in the open loop at 5,000 echoes/s over 1,000 connections,
 *       a rate a 64-thread offload pool carries); the event loops' offload pool swept (16 and 256 threads
 *       besides the default 64) under the blocking call at 1,000 connections, and the classic mistake, an event
 *       loop blocking on its own thread, once ({@code netty-epoll-et}, no pool); connection churn (connect, one
 *       echo, close; 1 and 100 in flight); 5 rounds of shorter iterations (about 90 minutes on 2 cores: well
 *       under an hour would need a smaller matrix than the question asks for, or fewer rounds than an interval needs).
 *   <li>{@code c100k}: only the scale beyond C10K, 50,000 and 100,000 connections, ping-pong and open loop, 3
 *       rounds; needs an open-file limit of about 100,300 per process (as root: {@code ulimit -n 200000}), and
 *       leaves out, with the reason, the counts the limit cannot hold.
 * </ul>
 */
public enum Preset {
    SMOKE(new Timing(2, 3, "200ms"), 2,
            Matrix.throughput(List.of(10), List.of(64), List.of(1)),
            Matrix.latency(List.of(10), List.of(64), List.of(2_000))),
    QUICK(new Timing(5, 4, "300ms"), Integer.MAX_VALUE,
            Matrix.throughput(List.of(100), List.of(64), List.of(1)),
            Matrix.latency(List.of(100), List.of(64), List.of(10_000))),
    STANDARD(new Timing(5, 4, "400ms"), Integer.MAX_VALUE,
            Matrix.throughput(Matrix.ALL_CONNECTIONS, List.of(64), List.of(1)),
            Matrix.latency(Matrix.ALL_CONNECTIONS, List.of(64), List.of(10_000))),
    GATE(new Timing(5, 4, "300ms"), Integer.MAX_VALUE,
            Matrix.throughput(List.of(100), List.of(64), List.of(1)),
            Matrix.latency(List.of(100), List.of(64), List.of(10_000))),
    FULL(new Timing(10, 6, "1s"), Integer.MAX_VALUE,
            Matrix.throughput(Matrix.FULL_CONNECTIONS, Matrix.ALL_PAYLOADS, List.of(1, 16)),
            Matrix.latency(Matrix.FULL_CONNECTIONS, Matrix.ALL_PAYLOADS, List.of(1_000, 10_000, 50_000)),
            Matrix.churn(List.of(1, 100), List.of(64), List.of(1))),
    C100K(new Timing(3, 3, "1s"), Integer.MAX_VALUE,
            Matrix.throughput(Matrix.BEYOND_C10K, List.of(64), List.of(1)),
            Matrix.latency(Matrix.BEYOND_C10K, List.of(64), List.of(20_000))),
    CAPACITY(new Timing(5, 3, "300ms"), Integer.MAX_VALUE,
            Matrix.latency(List.of(100), List.of(64), List.of(10_000, 20_000, 40_000, 80_000, 120_000, 160_000))),
    WORKLOADS(new Timing(5, 3, "300ms"), Integer.MAX_VALUE,
            Matrix.throughput(List.of(100, 1_000), Matrix.SIZES, List.of(1)),
            Matrix.throughput(List.of(100, 1_000), List.of(1_024), List.of(1)).withWork("cpu:20", "block:1"),
            Matrix.throughput(List.of(1_000), List.of(1_024), List.of(1)).withWork("block:1").withOffload(16, 256),
            // the classic mistake, shown once: an event loop that makes the blocking call itself (no pool)
            Matrix.throughput(List.of(1_000), List.of(1_024), List.of(1)).withWork("block:1").withOffload(0).onlyFor("netty-epoll-et"),
            Matrix.latency(List.of(1_000), List.of(1_024), List.of(5_000)).withWork("block:1"),
            Matrix.churn(List.of(1, 100), List.of(64), List.of(1)));

    /** Smoke and other impl-limited presets take the first available of these, in this order. */
    static final List<String> PREFERRED_IMPLS = List.of("native-epoll-et", "nio-selector", "netty-epoll-et", "blocking");

    public final Timing timing;
    /** At most this many implementations (the first available in {@link #PREFERRED_IMPLS} order). */
    public final int maxImpls;
    public final List<Matrix> matrices;

    Preset(Timing timing, int maxImpls, Matrix... matrices) {
        this.timing = timing;
        this.maxImpls = maxImpls;
        this.matrices = List.of(matrices);
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Preset byId(String id) {
        return Arrays.stream(values()).filter(p -> p.id().equals(id.strip().toLowerCase(Locale.ROOT))).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown preset '" + id + "' (known: "
                        + Arrays.stream(values()).map(Preset::id).collect(java.util.stream.Collectors.joining(", ")) + ")"));
    }

    /**
     * How each trial is measured.
     *
     * @param rounds                how many times each trial runs (one fork per round, rounds shuffled)
     * @param measurementIterations measured iterations per fork, after the fork's warm-up
     * @param measurementTime       length of one, in JMH's syntax ("500ms", "2s")
     */
    public record Timing(int rounds, int measurementIterations, String measurementTime) {
        public Timing {
            if (rounds < 1 || measurementIterations < 1) throw new IllegalArgumentException("rounds and iterations must be at least 1");
        }
    }

    /** Which benchmark, and the values of its parameters (one JMH invocation runs their product). */
    public enum Kind {
        THROUGHPUT("org.iobench.bench.ThroughputBenchmark", "depth", 0),
        LATENCY("org.iobench.bench.LatencyBenchmark", "rate", 0),
        CHURN("org.iobench.bench.ChurnBenchmark", "messages", 2);

        public final String className;
        /** The third parameter: messages in flight per connection, offered echoes/s, or echoes per connection's life. */
        public final String loadParam;
        /**
         * Unmeasured JMH iterations after {@link WarmUp}, each as long as a measured one. The first
         * iteration boundaries run code the fork has not run before (the trial's samples, the profiler,
         * the histogram log): classes load, compiled driver code is thrown away and compiled again, and
         * the compiler threads share the driver's CPU for up to a second. Only where the driver sets the
         * pace does that show: connection churn, whose first measured iteration read under 0.9 of the
         * others in 27% of the forks of results/2026-11-28-vm-9 (all 8 of its forks measured again for
         * interference were churn with one connection). Against native-epoll-et, churn of one
         * connection, quiet machine: 6 of 18 forks without them, 1 of 15 with two. Ping-pong: 2-5% of
         * the forks, at the fixed rate none, so they stay without.
         */
        public final int warmupIterations;

        Kind(String className, String loadParam, int warmupIterations) {
            this.className = className;
            this.loadParam = loadParam;
            this.warmupIterations = warmupIterations;
        }

        /** The JMH benchmark name, as in the results. */
        public String benchmark() {
            return className + ".echo";
        }
    }

    /**
     * @param works          work kinds per message ({@link BenchPlan#NO_WORK}: the plain echo)
     * @param offloadThreads offload pool sizes swept for blocking work on the event loops
     *                       ({@link BenchPlan#RUN_OFFLOAD_THREADS}: the run's setting, not swept)
     * @param onlyImpls      the implementations this matrix is for, of those the run has; empty: every one
     */
    public record Matrix(Kind kind, List<Integer> connections, List<Integer> payloadBytes, List<Integer> loads, List<String> works,
                         List<Integer> offloadThreads, List<String> onlyImpls) {
        public static final List<Integer> ALL_CONNECTIONS = List.of(1, 10, 100, 1_000, 10_000);
        /** Past C10K: where thread-per-connection and memory per connection decide who gets there. */
        public static final List<Integer> BEYOND_C10K = List.of(50_000, 100_000);
        public static final List<Integer> FULL_CONNECTIONS = List.of(1, 10, 100, 1_000, 10_000, 50_000, 100_000);
        public static final List<Integer> ALL_PAYLOADS = List.of(64, 1_024, 16_384);
        /** Message sizes of the workloads: from a small RPC to a chunk of a file. */
        public static final List<Integer> SIZES = List.of(64, 1_024, 16_384, 65_536);

        public Matrix {
            connections = List.copyOf(connections);
            payloadBytes = List.copyOf(payloadBytes);
            loads = List.copyOf(loads);
            works = List.copyOf(works);
            offloadThreads = List.copyOf(offloadThreads);
            onlyImpls = List.copyOf(onlyImpls);
        }

        Matrix(Kind kind, List<Integer> connections, List<Integer> payloadBytes, List<Integer> loads) {
            this(kind, connections, payloadBytes, loads, BenchPlan.NO_WORK, BenchPlan.RUN_OFFLOAD_THREADS, List.of());
        }

        /** The same matrix with each message worked on in these ways ({@link org.iobench.api.Work}). */
        Matrix withWork(String... kinds) {
            return new Matrix(kind, connections, payloadBytes, loads, List.of(kinds), offloadThreads, onlyImpls);
        }

        /**
         * The same matrix with the event loops' offload pool swept over these sizes for its blocking work
         * (0: block on the loop, the classic mistake); the models without a pool are left out of it, with the reason.
         */
        Matrix withOffload(Integer... poolSizes) {
            return new Matrix(kind, connections, payloadBytes, loads, works, List.of(poolSizes), onlyImpls);
        }

        /** The same matrix for these implementations only (those of them the run has): a point worth making once, not per model. */
        Matrix onlyFor(String... implIds) {
            return new Matrix(kind, connections, payloadBytes, loads, works, offloadThreads, List.of(implIds));
        }

        static Matrix throughput(List<Integer> connections, List<Integer> payloadBytes, List<Integer> depths) {
            return new Matrix(Kind.THROUGHPUT, connections, payloadBytes, depths);
        }

        static Matrix latency(List<Integer> connections, List<Integer> payloadBytes, List<Integer> rates) {
            return new Matrix(Kind.LATENCY, connections, payloadBytes, rates);
        }

        /** Connection churn: {@code connections} lifecycles in flight, each of {@code messages} echoes. */
        static Matrix churn(List<Integer> connections, List<Integer> payloadBytes, List<Integer> messages) {
            return new Matrix(Kind.CHURN, connections, payloadBytes, messages);
        }

        /** How many trials per implementation. */
        public int trialsPerImpl() {
            return connections.size() * payloadBytes.size() * loads.size() * works.size() * offloadThreads.size();
        }
    }
}
