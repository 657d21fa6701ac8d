package org.iobench.results;

import java.util.List;
import java.util.Optional;

/**
 * The figures a run reports (names and units from docs/results.md), which way is better, and
 * whether the regression gate judges them. The primary JMH score appears under the name
 * {@link #PRIMARY}, so every figure, primary or secondary, is looked up the same way.
 */
public record Metric(String name, String unit, String label, Direction direction, boolean gated) {

    public enum Direction { BIGGER_IS_BETTER, SMALLER_IS_BETTER, NEITHER }

    /** The primary score of both benchmarks: verified echoes per second (JMH unit ops/s). */
    public static final String PRIMARY = "echoes.per.s";
    /**
     * What one connection costs the server: RSS over the idle server plus, for Java servers, the live
     * heap per connection (docs/results.md). The memory figure to compare across servers.
     */
    public static final String MEMORY_PER_CONNECTION = "server.memory.kib.per.conn";

    private static final Direction BIGGER = Direction.BIGGER_IS_BETTER;
    private static final Direction SMALLER = Direction.SMALLER_IS_BETTER;

    /**
     * In table order. Not gated, and why: p99.99/max are single hiccups (GC, scheduler) on a shared box;
     * mb.per.s and achieved.rate restate the primary score (gating them would count one change twice);
     * CPU utilisation rises with throughput, so it is not a cost by itself (µs per echo is); RSS and live
     * heap per connection are the two parts of memory per connection (gated as one); GC pause per second
     * is near 0 with a fixed 512 MiB heap and too rare to judge; threads,
     * errors and client.bound are checks, not performance; offered.rate is an input.
     */
    public static final List<Metric> KNOWN = List.of(
            new Metric(PRIMARY, "ops/s", "echoes/s", BIGGER, true),
            new Metric("latency.p50", "us", "p50 latency", SMALLER, true),
            new Metric("latency.p90", "us", "p90 latency", SMALLER, true),
            new Metric("latency.p99", "us", "p99 latency", SMALLER, true),
            new Metric("latency.p999", "us", "p99.9 latency", SMALLER, true),
            new Metric("latency.p9999", "us", "p99.99 latency", SMALLER, false),
            new Metric("latency.max", "us", "max latency", SMALLER, false),
            new Metric("mb.per.s", "MB/s", "payload MB/s", BIGGER, false),
            new Metric("server.cpu.us.per.echo", "us/echo", "server CPU per echo", SMALLER, true),
            new Metric("server.cpu.util", "%", "server CPU", SMALLER, false),
            new Metric("driver.cpu.util", "%", "driver CPU", SMALLER, false),
            new Metric(MEMORY_PER_CONNECTION, "KiB/conn", "server memory per connection", SMALLER, true),
            new Metric("server.rss.kib.per.conn", "KiB/conn", "server RSS per connection", SMALLER, false),
            new Metric("server.heap.kib.per.conn", "KiB/conn", "server live heap per connection", SMALLER, false),
            new Metric("server.rss.idle.kib", "KiB", "server idle RSS", SMALLER, false),
            new Metric("server.gc.pause.ms.per.s", "ms/s", "server GC pause per second", SMALLER, false),
            new Metric("server.threads", "threads", "server threads", SMALLER, false),
            new Metric("errors", "errors", "errors", SMALLER, false),
            new Metric("client.bound", "flag", "client-bound", SMALLER, false),
            new Metric("offered.rate", "echoes/s", "offered rate", Direction.NEITHER, false),
            new Metric("achieved.rate", "echoes/s", "achieved rate", BIGGER, false));

    public static Optional<Metric> byName(String name) {
        return KNOWN.stream().filter(m -> m.name.equals(name)).findFirst();
    }

    /** Known metric, or an ungated one of unknown direction (shown, never judged). */
    public static Metric of(String name) {
        return byName(name).orElseGet(() -> new Metric(name, "", name, Direction.NEITHER, false));
    }

    /** The unit the contract promises for a metric; empty for unknown ones. */
    public static String unitOf(String name) {
        return of(name).unit;
    }

    public static List<Metric> gatedMetrics() {
        return KNOWN.stream().filter(Metric::gated).toList();
    }

    /** Position in {@link #KNOWN}; unknown metrics sort after the known ones. */
    public int order() {
        int index = KNOWN.indexOf(this);
        return index >= 0 ? index : KNOWN.size();
    }
}
