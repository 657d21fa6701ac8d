package org.iobench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Capacity: the highest delivered rate within the p99 objective, and the step where it was crossed. */
class CapacityTableTest {
    @TempDir
    Path tmp;

    private static BenchResult step(String impl, int rate, double achieved, double p99Micros, boolean clientBound) {
        Map<String, Measure> metrics = Map.of(
                Metric.PRIMARY, new Measure(achieved, 0, achieved, achieved, "ops/s"),
                "latency.p99", new Measure(p99Micros, 0, p99Micros, p99Micros, "us"),
                "client.bound", new Measure(clientBound ? 1 : 0, 0, 0, 0, "flag"),
                "errors", new Measure(0, 0, 0, 0, "errors"));
        return new BenchResult(Fixtures.LATENCY, "thrpt",
                Map.of("impl", impl, "connections", "100", "payloadBytes", "64", "rate", Integer.toString(rate)), metrics, 3, 0);
    }

    @Test
    void theLastStepWithinTheObjectiveIsTheCapacityAndTheNextOneIsWhereItWasCrossed() {
        CapacityTable.Capacity c = CapacityTable.of("nio-selector", List.of(
                step("nio-selector", 40_000, 40_000, 900, false),
                step("nio-selector", 10_000, 10_000, 300, false),
                step("nio-selector", 80_000, 79_000, 2_500, false),
                step("nio-selector", 160_000, 120_000, 90_000, false)), 1_000);
        assertEquals(40_000, c.rate());
        assertEquals(900, c.p99AtRate());
        assertEquals(80_000, c.nextRate());
        assertEquals(2_500, c.p99AtNext());
    }

    @Test
    void aRateNotDeliveredFailsEvenWithAGoodP99() {
        CapacityTable.Capacity c = CapacityTable.of("blocking", List.of(
                step("blocking", 10_000, 10_000, 300, false),
                step("blocking", 20_000, 15_000, 400, false)), 1_000);
        assertEquals(10_000, c.rate());
        assertEquals(20_000, c.nextRate());
    }

    @Test
    void whenTheDriverCouldNotDeliverTheCapacityIsALowerBound() {
        CapacityTable.Capacity c = CapacityTable.of("native-epoll-et", List.of(
                step("native-epoll-et", 80_000, 80_000, 500, false),
                step("native-epoll-et", 160_000, 130_000, 600, true)), 1_000);
        assertEquals(80_000, c.rate());
        assertTrue(c.clientBound());
    }

    @Test
    void noStepWithinTheObjectiveIsSaid() {
        CapacityTable.Capacity c = CapacityTable.of("virtual", List.of(step("virtual", 10_000, 10_000, 1_800, false)), 1_000);
        assertTrue(Double.isNaN(c.rate()));
        assertEquals(10_000, c.nextRate());
    }
}
