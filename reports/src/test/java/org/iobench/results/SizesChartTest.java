package org.iobench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;

/** MB/s by message size: a chart per connection count once a run measured three sizes or more. */
class SizesChartTest {

    private static BenchResult result(String impl, int connections, int payload, double mbPerSecond) {
        return result(impl, connections, payload, mbPerSecond, Map.of());
    }

    private static BenchResult result(String impl, int connections, int payload, double mbPerSecond, Map<String, String> more) {
        Map<String, Measure> metrics = Map.of(
                Metric.PRIMARY, new Measure(1e6 * mbPerSecond / payload, 0, Double.NaN, Double.NaN, "ops/s"),
                "mb.per.s", new Measure(mbPerSecond, 0, mbPerSecond * 0.95, mbPerSecond * 1.05, "MB/s"),
                "errors", new Measure(0, 0, 0, 0, "errors"));
        Map<String, String> params = new java.util.HashMap<>(more);
        params.putAll(Map.of("impl", impl, "connections", Integer.toString(connections), "payloadBytes", Integer.toString(payload), "depth", "1"));
        return new BenchResult(Fixtures.THROUGHPUT, "thrpt", params, metrics, 3, 0);
    }

    @Test
    void oneChartPerConnectionCountWithALinePerModel() {
        List<BenchResult> results = new ArrayList<>();
        for (String impl : List.of("nio-selector", "netty-epoll-et")) {
            for (int payload : List.of(64, 1_024, 16_384, 65_536)) results.add(result(impl, 100, payload, payload / 10.0));
            for (int payload : List.of(64, 1_024)) results.add(result(impl, 1_000, payload, payload / 10.0));
        }
        Map<String, XYChart> charts = SizesChart.draw(results);
        assertEquals(List.of("mb-per-s-by-size-connections100-depth1"), List.copyOf(charts.keySet()),
                "1,000 connections has only two sizes: no curve");
        XYChart chart = charts.values().iterator().next();
        assertTrue(chart.getSeriesMap().containsKey("nio-selector") && chart.getSeriesMap().containsKey("netty-epoll-et"),
                chart.getSeriesMap().keySet().toString());
        assertEquals(4, chart.getSeriesMap().get("nio-selector").getXData().length);
    }

    @Test
    void resultsWithWorkAreNotPointsOnThePlainEchosCurve() {
        List<BenchResult> results = new ArrayList<>();
        for (int payload : List.of(64, 1_024, 16_384)) results.add(result("nio-selector", 100, payload, payload / 10.0));
        // the workloads preset also measures 1 KiB with work, and the blocking work under several pool sizes
        results.add(result("nio-selector", 100, 1_024, 5.0, Map.of("work", "block:1")));
        results.add(result("nio-selector", 100, 1_024, 1.0, Map.of("work", "block:1", "offloadThreads", "0")));
        Map<String, XYChart> charts = SizesChart.draw(results);
        assertEquals(List.of("mb-per-s-by-size-connections100-depth1"), List.copyOf(charts.keySet()));
        assertEquals(3, charts.values().iterator().next().getSeriesMap().get("nio-selector").getXData().length,
                "one point per size: the work results are left out");
    }
}
