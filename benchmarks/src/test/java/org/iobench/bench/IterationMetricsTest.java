package org.iobench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;
import org.iobench.bench.driver.DriverSnapshot;
import org.iobench.bench.measure.GcPauses;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.ScalarResult;

class IterationMetricsTest {
    private static final long SECOND = 1_000_000_000L;

    /** 100,000 echoes in one second; latencies 1..100 us; the driver thread busy for {@code driverCpuNanos}. */
    private static DriverSnapshot driver(long driverCpuNanos, long errors) {
        Histogram latency = new Histogram(60 * SECOND, 3);
        for (int i = 1; i <= 100_000; i++) latency.recordValue((i % 100 + 1) * 1_000L);
        return new DriverSnapshot(SECOND, 100_000, 100_000 * 64L, errors, driverCpuNanos, 0, latency);
    }

    /** Server used {@code cpuNanos} in one second, RSS grew from 10,000 to 20,000 KiB, 5 threads, 1 CPU. */
    private static IterationMetrics.ServerSample server(long cpuNanos) {
        return new IterationMetrics.ServerSample(new ProcessStats(0, 12_000, 5), new ProcessStats(cpuNanos, 20_000, 5),
                SECOND, 10_000, 1, false, null, null, null);
    }

    private static Map<String, ScalarResult> compute(DriverSnapshot d, IterationMetrics.ServerSample s, double offered) {
        return IterationMetrics.compute(new IterationMetrics.Inputs(d, 1, 100_000, s, 1_000, 64, offered, null, null, Double.NaN)).stream()
                .collect(Collectors.toMap(ScalarResult::getLabel, r -> r));
    }

    @Test
    void everyContractMetricWithItsUnit() {
        Map<String, ScalarResult> m = compute(driver(SECOND / 2, 0), server(SECOND / 2), Double.NaN);
        Map<String, String> units = Map.ofEntries(Map.entry("latency.p50", "us"), Map.entry("latency.p90", "us"),
                Map.entry("latency.p99", "us"), Map.entry("latency.p999", "us"), Map.entry("latency.p9999", "us"),
                Map.entry("latency.max", "us"), Map.entry("mb.per.s", "MB/s"), Map.entry("server.cpu.us.per.echo", "us/echo"),
                Map.entry("server.cpu.util", "%"), Map.entry("driver.cpu.util", "%"),
                Map.entry("server.rss.kib.per.conn", "KiB/conn"), Map.entry("server.rss.idle.kib", "KiB"),
                Map.entry("server.memory.kib.per.conn", "KiB/conn"),
                Map.entry("server.threads", "threads"),
                Map.entry("errors", "errors"), Map.entry("client.bound", "flag"));
        assertEquals(units.keySet(), m.keySet());
        units.forEach((name, unit) -> assertEquals(unit, m.get(name).getScoreUnit(), name));
    }

    @Test
    void valuesFollowFromTheSamples() {
        Map<String, ScalarResult> m = compute(driver(SECOND / 2, 0), server(SECOND / 2), Double.NaN);
        assertEquals(6.4, m.get("mb.per.s").getScore(), 1e-9);                  // 100,000/s x 64 B
        assertEquals(5.0, m.get("server.cpu.us.per.echo").getScore(), 1e-9);    // 0.5 s / 100,000
        assertEquals(50.0, m.get("server.cpu.util").getScore(), 1e-9);
        assertEquals(50.0, m.get("driver.cpu.util").getScore(), 1e-9);
        assertEquals(10.0, m.get("server.rss.kib.per.conn").getScore(), 1e-9);  // (20,000 - 10,000) / 1,000
        assertEquals(5, m.get("server.threads").getScore());
        assertEquals(50, m.get("latency.p50").getScore(), 1);
        assertEquals(100, m.get("latency.max").getScore(), 0.1);
        assertEquals(0, m.get("errors").getScore());
        assertEquals(0, m.get("client.bound").getScore());
    }

    @Test
    void aBusyDriverBesideAnIdleServerIsClientBound() {
        assertEquals(1, compute(driver(SECOND, 0), server(SECOND / 2), Double.NaN).get("client.bound").getScore());
    }

    @Test
    void whenBothSidesAreBusyTheBusierOnePerCpuSetThePace() {
        // one CPU each: the driver 95% busy beside a server 92% busy is the limit (the server is cheaper per echo)
        assertEquals(1, compute(driver(SECOND * 95 / 100, 0), server(SECOND * 92 / 100), Double.NaN).get("client.bound").getScore());
        // a server busier than the driver is the limit, however busy the driver
        assertEquals(0, compute(driver(SECOND * 95 / 100, 0), server(SECOND), Double.NaN).get("client.bound").getScore());
        // a driver with CPU to spare is never the limit
        assertEquals(0, compute(driver(SECOND * 80 / 100, 0), server(SECOND / 2), Double.NaN).get("client.bound").getScore());
    }

    @Test
    void openLoopReportsOfferedAndAchievedAndJudgesBoundByDeliveredRate() {
        Map<String, ScalarResult> delivered = compute(driver(SECOND, 0), server(SECOND / 10), 100_000);
        assertEquals(100_000, delivered.get("offered.rate").getScore());
        assertEquals(100_000, delivered.get("achieved.rate").getScore());
        assertEquals(0, delivered.get("client.bound").getScore(), "busy-polling driver CPU is not saturation");
        assertEquals(1, compute(driver(SECOND, 0), server(SECOND / 10), 200_000).get("client.bound").getScore());
    }

    @Test
    void withoutOurServerTheServerSideMetricsAreAbsentNotZero() {
        Map<String, ScalarResult> m = compute(driver(SECOND / 2, 3), null, Double.NaN);
        assertFalse(m.containsKey("server.cpu.util"));
        assertFalse(m.containsKey("server.rss.kib.per.conn"));
        assertFalse(m.containsKey("client.bound"));
        assertEquals(3, m.get("errors").getScore());
        assertTrue(m.containsKey("latency.p99"));
    }

    @Test
    void memoryPerConnectionIsCountedFromTheIdleServerNotFromTheIterationsStart() {
        // idle 10,000 KiB before connecting; 12,000 at the iteration's start (the connections are
        // open by then); 20,000 at its end: 1,000 connections cost (20,000 - 10,000) / 1,000
        Map<String, ScalarResult> m = compute(driver(SECOND / 2, 0), server(SECOND / 2), Double.NaN);
        assertEquals(10.0, m.get("server.rss.kib.per.conn").getScore(), 1e-9);
        assertEquals(10_000, m.get("server.rss.idle.kib").getScore(), 1e-9);
    }

    @Test
    void gcPauseIsMillisecondsPerSecondOfTheIteration() {
        long ticksPerSecond = 1_000_000_000L;
        IterationMetrics.ServerSample s = new IterationMetrics.ServerSample(new ProcessStats(0, 12_000, 5),
                new ProcessStats(SECOND / 2, 20_000, 5), 2 * SECOND, 10_000, 1, true,
                new GcPauses(5_000_000, 10, ticksPerSecond), new GcPauses(9_000_000, 14, ticksPerSecond), null);
        Map<String, ScalarResult> m = compute(driver(SECOND / 2, 0), s, Double.NaN);
        assertEquals(2.0, m.get("server.gc.pause.ms.per.s").getScore(), 1e-9);  // 4 ms of pauses over 2 s
        assertEquals("ms/s", m.get("server.gc.pause.ms.per.s").getScoreUnit());
        assertFalse(compute(driver(SECOND / 2, 0), server(SECOND / 2), Double.NaN).containsKey("server.gc.pause.ms.per.s"),
                "a native server has no GC figure, not a zero");
    }

    /** A Java server's iteration: RSS from 10,000 to 20,000 KiB idle to end, and the live heap if it was measured. */
    private static IterationMetrics.ServerSample javaServer(IterationMetrics.LiveHeapChange heap) {
        return new IterationMetrics.ServerSample(new ProcessStats(0, 12_000, 5), new ProcessStats(SECOND / 2, 20_000, 5),
                SECOND, 10_000, 1, true, null, null, heap);
    }

    @Test
    void aJavaServersMemoryIsItsRssOutsideTheHeapPlusTheLiveHeapTheConnectionsAdded() {
        // live heap 4 MiB idle, 20 MiB with the 1,000 connections: 16 KiB each on the heap, 10 KiB outside
        Map<String, ScalarResult> m = compute(driver(SECOND / 2, 0),
                javaServer(new IterationMetrics.LiveHeapChange(4L << 20, 20L << 20)), Double.NaN);
        assertEquals(10.0, m.get("server.rss.kib.per.conn").getScore(), 1e-9);
        assertEquals(16.384, m.get("server.heap.kib.per.conn").getScore(), 1e-9);
        assertEquals(26.384, m.get("server.memory.kib.per.conn").getScore(), 1e-9);
    }

    @Test
    void withoutItsLiveHeapAJavaServerHasNoTotalRatherThanAnUnderstatedOne() {
        Map<String, ScalarResult> m = compute(driver(SECOND / 2, 0), javaServer(null), Double.NaN);
        assertTrue(m.containsKey("server.rss.kib.per.conn"));
        assertFalse(m.containsKey("server.heap.kib.per.conn"));
        assertFalse(m.containsKey("server.memory.kib.per.conn"));
    }

    @Test
    void aNativeServersMemoryIsItsRss() {
        Map<String, ScalarResult> m = compute(driver(SECOND / 2, 0), server(SECOND / 2), Double.NaN);
        assertEquals(m.get("server.rss.kib.per.conn").getScore(), m.get("server.memory.kib.per.conn").getScore());
        assertFalse(m.containsKey("server.heap.kib.per.conn"));
    }
}
