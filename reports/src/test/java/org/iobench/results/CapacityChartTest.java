package org.iobench.results;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;

/** The capacity curve: p99 by offered rate, a line per model, undelivered steps left off, only where the rate was stepped. */
class CapacityChartTest {

    private static BenchResult step(String impl, int connections, int rate, double achieved, double p99Micros) {
        Map<String, Measure> metrics = Map.of(
                Metric.PRIMARY, new Measure(achieved, 0, achieved, achieved, "ops/s"),
                "latency.p99", new Measure(p99Micros, 0, p99Micros * 0.9, p99Micros * 1.1, "us"),
                "errors", new Measure(0, 0, 0, 0, "errors"));
        return new BenchResult(Fixtures.LATENCY, "thrpt", Map.of("impl", impl, "connections", Integer.toString(connections),
                "payloadBytes", "64", "rate", Integer.toString(rate)), metrics, 3, 0);
    }

    @Test
    void aLinePerModelOverTheRatesItDelivered() {
        List<BenchResult> results = new ArrayList<>();
        results.add(step("nio-selector", 100, 10_000, 10_000, 300));
        results.add(step("nio-selector", 100, 40_000, 40_000, 700));
        results.add(step("nio-selector", 100, 80_000, 79_000, 2_500));
        results.add(step("nio-selector", 100, 160_000, 120_000, 90_000));   // not delivered: a growing queue, not a p99
        results.add(step("blocking", 100, 10_000, 10_000, 400));
        results.add(step("blocking", 100, 40_000, 40_000, 1_500));
        results.add(step("blocking", 100, 80_000, 60_000, 50_000));
        // 1,000 connections at two rates only: a fixed-rate comparison, no curve
        results.add(step("nio-selector", 1_000, 10_000, 10_000, 800));
        results.add(step("nio-selector", 1_000, 20_000, 20_000, 900));

        Map<String, XYChart> charts = CapacityChart.draw(results);

        assertEquals(List.of("capacity-p99-by-rate-connections100-payloadBytes64"), List.copyOf(charts.keySet()));
        XYChart chart = charts.values().iterator().next();
        // x is the offered rate, nudged apart per model (at most a few per cent) so that whiskers do not overlap
        assertArrayEquals(new double[] {10_000, 40_000, 80_000}, chart.getSeriesMap().get("nio-selector").getXData(), 0.05 * 80_000);
        assertArrayEquals(new double[] {300, 700, 2_500},
                chart.getSeriesMap().get("nio-selector").getYData());
        assertEquals(2, chart.getSeriesMap().get("blocking").getXData().length);
        assertTrue(chart.getTitle().contains("1 ms is the objective"), chart.getTitle());
    }

    @Test
    void aRunThatDidNotStepTheRateHasNoCurve() {
        assertTrue(CapacityChart.draw(List.of(step("nio-selector", 100, 10_000, 10_000, 300))).isEmpty());
    }
}
