package org.iobench.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The benchmark matrices, sized for a 2-core machine with 11 implementations. Every preset measures
 * both benchmarks for every implementation it runs; they differ in how much of the matrix and how long.
 * <ul>
 *   <li>{@code smoke}: 2 implementations, 10 connections, sub-second iterations: proves the pipeline in CI (&lt; 60 s).
 *   <li>{@code quick}: 100 connections, 64 B, 1 s iterations: a first look at every implementation (&lt; 3 min);
 *       three measured iterations, the fewest for which JMH gives a confidence interval, which the gate needs.
 *   <li>{@code standard}: 1 to 10,000 connections for every implementation, 64 B ping-pong and
 *       open loop at 10,000 echoes/s, plus 16 KiB ping-pong at 100 connections (&lt; 30 min).
 *   <li>{@code full}: the whole matrix, payload {64, 1024, 16384} x depth {1, 16} and three offered rates, two forks.
 * </ul>
 */
public enum Preset {
    SMOKE(new Timing(1, "500ms", 1, "1s", 1), 2,
            Matrix.throughput(List.of(10), List.of(64), List.of(1)),
            Matrix.latency(List.of(10), List.of(64), List.of(2_000))),
    QUICK(new Timing(1, "1s", 3, "1s", 1), Integer.MAX_VALUE,
            Matrix.throughput(List.of(100), List.of(64), List.of(1)),
            Matrix.latency(List.of(100), List.of(64), List.of(10_000))),
    STANDARD(new Timing(2, "1s", 3, "2s", 1), Integer.MAX_VALUE,
            Matrix.throughput(Matrix.ALL_CONNECTIONS, List.of(64), List.of(1)),
            Matrix.throughput(List.of(100), List.of(16_384), List.of(1)),
            Matrix.latency(Matrix.ALL_CONNECTIONS, List.of(64), List.of(10_000))),
    FULL(new Timing(3, "2s", 5, "3s", 2), Integer.MAX_VALUE,
            Matrix.throughput(Matrix.ALL_CONNECTIONS, Matrix.ALL_PAYLOADS, List.of(1, 16)),
            Matrix.latency(Matrix.ALL_CONNECTIONS, Matrix.ALL_PAYLOADS, List.of(1_000, 10_000, 50_000)));

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
                .orElseThrow(() -> new IllegalArgumentException("unknown preset '" + id + "' (known: smoke, quick, standard, full)"));
    }

    /** JMH iteration settings; times in JMH's syntax ("500ms", "2s"). */
    public record Timing(int warmupIterations, String warmupTime, int measurementIterations, String measurementTime,
                         int forks) {
    }

    /** Which benchmark, and the values of its parameters (one JMH invocation runs their product). */
    public enum Kind {
        THROUGHPUT("org.iobench.bench.ThroughputBenchmark", "depth"),
        LATENCY("org.iobench.bench.LatencyBenchmark", "rate");

        public final String className;
        /** The third parameter: messages in flight per connection, or offered echoes/s. */
        public final String loadParam;

        Kind(String className, String loadParam) {
            this.className = className;
            this.loadParam = loadParam;
        }

        /** The JMH benchmark name, as in the results. */
        public String benchmark() {
            return className + ".echo";
        }
    }

    public record Matrix(Kind kind, List<Integer> connections, List<Integer> payloadBytes, List<Integer> loads) {
        public static final List<Integer> ALL_CONNECTIONS = List.of(1, 10, 100, 1_000, 10_000);
        public static final List<Integer> ALL_PAYLOADS = List.of(64, 1_024, 16_384);

        public Matrix {
            connections = List.copyOf(connections);
            payloadBytes = List.copyOf(payloadBytes);
            loads = List.copyOf(loads);
        }

        static Matrix throughput(List<Integer> connections, List<Integer> payloadBytes, List<Integer> depths) {
            return new Matrix(Kind.THROUGHPUT, connections, payloadBytes, depths);
        }

        static Matrix latency(List<Integer> connections, List<Integer> payloadBytes, List<Integer> rates) {
            return new Matrix(Kind.LATENCY, connections, payloadBytes, rates);
        }

        /** How many trials per implementation. */
        public int trialsPerImpl() {
            return connections.size() * payloadBytes.size() * loads.size();
        }
    }
}
