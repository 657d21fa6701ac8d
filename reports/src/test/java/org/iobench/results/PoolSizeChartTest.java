package org.iobench.results;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/** Echoes/s by offload pool size: the whole curve per event loop, and the models without a pool drawn flat across it. */
class PoolSizeChartTest {

    private static BenchResult result(String impl, int connections, String work, Integer pool, double echoesPerSecond) {
        Map<String, Measure> metrics = Map.of(
                Metric.PRIMARY, new Measure(echoesPerSecond, 0, echoesPerSecond * 0.95, echoesPerSecond * 1.05, "ops/s"),
                "errors", new Measure(0, 0, 0, 0, "errors"));
        Map<String, String> params = new HashMap<>(Map.of("impl", impl, "connections", Integer.toString(connections),
                "payloadBytes", "1024", "depth", "1", "work", work));
        if (pool != null) params.put("offloadThreads", Integer.toString(pool));
        return new BenchResult(Fixtures.THROUGHPUT, "thrpt", params, metrics, 3, 0);
    }

    private static List<BenchResult> workloadsLike() {
        List<BenchResult> results = new ArrayList<>();
        for (String loop : List.of("nio-selector", "netty-epoll-et")) {
            results.add(result(loop, 1_000, "block:1", 16, 15_000));
            results.add(result(loop, 1_000, "block:1", null, 58_000));   // the run's default pool
            results.add(result(loop, 1_000, "block:1", 256, 40_000));
            results.add(result(loop, 100, "block:1", null, 57_000));
            results.add(result(loop, 1_000, "cpu:20", null, 30_000));
        }
        results.add(result("netty-epoll-et", 1_000, "block:1", 0, 1_000));   // the classic mistake
        results.add(result("virtual", 1_000, "block:1", null, 70_000));
        results.add(result("virtual", 100, "block:1", null, 62_000));
        return results;
    }

    @Test
    void onlyAWorkloadMeasuredAtThreePoolSizesGetsACurve() {
        Map<String, XYChart> charts = PoolSizeChart.draw(workloadsLike(), 64);
        assertEquals(List.of("echoes-by-pool-size-connections1000-payload1024-depth1-workblock_1"), List.copyOf(charts.keySet()),
                "100 connections and cpu:20 were measured with one pool size only");
    }

    @Test
    void theDefaultPoolSitsAtItsSizeAndTheClassicMistakeIsLeftToTheTable() {
        XYChart chart = PoolSizeChart.draw(workloadsLike(), 64).values().iterator().next();
        XYSeries loop = chart.getSeriesMap().get("netty-epoll-et");
        assertEquals(3, loop.getXData().length, "16, 64 and 256; pool 0 cannot sit on a log axis");
        assertArrayEquals(new double[] {15_000, 58_000, 40_000}, loop.getYData(), 1e-9);
        assertTrue(loop.getXData()[0] < loop.getXData()[1] && loop.getXData()[1] < loop.getXData()[2]);
    }

    @Test
    void aModelWithoutAPoolIsAFlatLineAcrossTheSweep() {
        XYChart chart = PoolSizeChart.draw(workloadsLike(), 64).values().iterator().next();
        XYSeries virtual = chart.getSeriesMap().get("virtual (no pool)");
        assertArrayEquals(new double[] {70_000, 70_000}, virtual.getYData(), 1e-9);
        assertFalse(chart.getSeriesMap().containsKey("virtual"));
    }

    @Test
    void theRunsDefaultPoolSetsWhereItsUnsweptResultsSit() {
        XYChart at32 = PoolSizeChart.draw(workloadsLike(), 32).values().iterator().next();
        XYChart at64 = PoolSizeChart.draw(workloadsLike(), 64).values().iterator().next();
        assertTrue(at32.getSeriesMap().get("nio-selector").getXData()[1] < at64.getSeriesMap().get("nio-selector").getXData()[1]);
    }
}
