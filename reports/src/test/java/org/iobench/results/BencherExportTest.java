package org.iobench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bencher Metric Format: one object per result, measures with value and the interval as lower/upper. */
class BencherExportTest {
    @TempDir
    Path tmp;

    @Test
    void everyResultHasItsFiguresWithTheirIntervals() throws Exception {
        Path run = FloorRatiosTest.writeThroughputRun(tmp, Map.of("nio-selector", new double[] {90, 100, 110},
                "native-epoll-et", new double[] {100, 100, 100}));
        JsonObject json = BencherExport.toJson(RunDir.load(run));
        assertEquals(2, json.size());
        JsonObject throughput = json.getAsJsonObject("ThroughputBenchmark.echo impl=nio-selector connections=100 depth=1 payloadBytes=64")
                .getAsJsonObject("throughput");
        assertEquals(100, throughput.get("value").getAsDouble(), 1e-9);
        assertFalse(throughput.has("lower_value"), "this fixture's figures carry no interval: none is invented");
        assertTrue(BencherExport.MEASURES.values().stream().allMatch(slug -> slug.matches("[a-z0-9-]{1,64}")),
                "measure slugs are kebab case, at most 64 characters");
    }

    @Test
    void anIntervalBecomesLowerAndUpperValues() throws Exception {
        Path run = Fixtures.writeRun(tmp.resolve("run"), "quick", 0.05, Fixtures.NONE, java.util.function.UnaryOperator.identity());
        JsonObject cpu = BencherExport.toJson(RunDir.load(run))
                .getAsJsonObject("LatencyBenchmark.echo impl=nio-selector connections=100 payloadBytes=64 rate=" + Fixtures.LATENCY_RATE)
                .getAsJsonObject("server-cpu-us-per-echo");
        double value = cpu.get("value").getAsDouble();
        assertTrue(cpu.get("lower_value").getAsDouble() < value && value < cpu.get("upper_value").getAsDouble(), cpu.toString());
    }
}
