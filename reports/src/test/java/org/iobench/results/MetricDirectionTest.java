package org.iobench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every metric of docs/results.md, its unit and which way is better, and the gate's reading. */
class MetricDirectionTest {

    private static final Metric.Direction BIGGER = Metric.Direction.BIGGER_IS_BETTER;
    private static final Metric.Direction SMALLER = Metric.Direction.SMALLER_IS_BETTER;

    /** Copied from the contract (name -> unit, direction), so a change on either side shows up here. */
    private static final Map<String, Object[]> CONTRACT = Map.ofEntries(
            Map.entry(Metric.PRIMARY, new Object[] {"ops/s", BIGGER}),
            Map.entry("latency.p50", new Object[] {"us", SMALLER}),
            Map.entry("latency.p90", new Object[] {"us", SMALLER}),
            Map.entry("latency.p99", new Object[] {"us", SMALLER}),
            Map.entry("latency.p999", new Object[] {"us", SMALLER}),
            Map.entry("latency.p9999", new Object[] {"us", SMALLER}),
            Map.entry("latency.max", new Object[] {"us", SMALLER}),
            Map.entry("mb.per.s", new Object[] {"MB/s", BIGGER}),
            Map.entry("server.cpu.us.per.echo", new Object[] {"us/echo", SMALLER}),
            Map.entry("server.cpu.util", new Object[] {"%", SMALLER}),
            Map.entry("driver.cpu.util", new Object[] {"%", SMALLER}),
            Map.entry("server.rss.kib.per.conn", new Object[] {"KiB/conn", SMALLER}),
            Map.entry("server.memory.kib.per.conn", new Object[] {"KiB/conn", SMALLER}),
            Map.entry("server.heap.kib.per.conn", new Object[] {"KiB/conn", SMALLER}),
            Map.entry("server.rss.idle.kib", new Object[] {"KiB", SMALLER}),
            Map.entry("server.gc.pause.ms.per.s", new Object[] {"ms/s", SMALLER}),
            Map.entry("server.threads", new Object[] {"threads", SMALLER}),
            Map.entry("errors", new Object[] {"errors", SMALLER}),
            Map.entry("client.bound", new Object[] {"flag", SMALLER}),
            Map.entry("achieved.rate", new Object[] {"echoes/s", BIGGER}));

    private static Measure tight(double score) {
        return new Measure(score, score * 0.01, score * 0.99, score * 1.01, "u");
    }

    @Test
    void everyContractMetricHasItsUnitAndDirection() {
        CONTRACT.forEach((name, expected) -> {
            Metric metric = Metric.byName(name).orElseThrow(() -> new AssertionError("unknown metric " + name));
            assertEquals(expected[0], metric.unit(), name);
            assertEquals(expected[1], metric.direction(), name);
        });
        assertEquals(Metric.Direction.NEITHER, Metric.of("offered.rate").direction(), "an input, not a result");
    }

    @Test
    void theGateReadsEveryDirectionTheRightWayRound() {
        for (Metric metric : Metric.KNOWN) {
            if (metric.direction() == Metric.Direction.NEITHER) {
                continue;
            }
            Verdict up = Compare.judge(metric, tight(100), tight(130), 0.10);
            Verdict down = Compare.judge(metric, tight(100), tight(70), 0.10);
            boolean bigger = metric.direction() == BIGGER;
            assertEquals(bigger ? Verdict.IMPROVED : Verdict.REGRESSION, up, metric.name() + " +30%");
            assertEquals(bigger ? Verdict.REGRESSION : Verdict.IMPROVED, down, metric.name() + " -30%");
            assertEquals(Verdict.OK, Compare.judge(metric, tight(100), tight(105), 0.10), metric.name() + " +5%");
        }
    }

    @Test
    void unknownIntervalNeverFailsTheGate() {
        Measure noInterval = new Measure(70, Double.NaN, Double.NaN, Double.NaN, "ops/s");
        Metric echoes = Metric.of(Metric.PRIMARY);
        assertEquals(Verdict.NO_INTERVAL, Compare.judge(echoes, tight(100), noInterval, 0.10));
    }

    @Test
    void ratioIntervalIsTheWidestTheIntervalsAllow() {
        Measure value = new Measure(50, 5, 45, 55, "ops/s");
        Measure reference = new Measure(100, 10, 90, 110, "ops/s");
        Measure ratio = value.dividedBy(reference);
        assertEquals(0.5, ratio.score(), 1e-12);
        assertEquals(45.0 / 110, ratio.ciLow(), 1e-12);
        assertEquals(55.0 / 90, ratio.ciHigh(), 1e-12);
        Measure reachesZero = new Measure(10, 12, -2, 22, "KiB/conn");
        Measure unbounded = value.dividedBy(reachesZero);
        assertEquals(Double.POSITIVE_INFINITY, unbounded.ciHigh());
        assertEquals(true, unbounded.overlaps(new Measure(1e9, 1, 1e9 - 1, 1e9 + 1, "x")), "proves nothing");
    }
}
