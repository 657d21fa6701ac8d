package org.iobench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each model against its mechanism's floor: paired by round, the right floor, sorted by what is better. */
class FloorRatiosTest {
    @TempDir
    Path tmp;

    @Test
    void ratiosArePairedByRoundAgainstTheFloorOfTheSameMechanism() throws Exception {
        // round 2 was slow for everyone: per-round ratios cancel it
        Path run = write(Map.of(
                "native-epoll-et", new double[] {100, 50, 100},
                "native-epoll-lt", new double[] {100, 50, 100},
                "netty-epoll-et", new double[] {110, 60, 130},     // ÷ native-epoll-et: 1.1, 1.2, 1.3
                "nio-selector", new double[] {90, 45, 80}));        // ÷ native-epoll-lt: 0.9, 0.9, 0.8
        RunDir dir = RunDir.load(run);
        List<FloorRatios.Row> rows = FloorRatios.of(dir, dir.results(), Metric.PRIMARY);
        assertEquals(2, rows.size(), "the native servers are the floors, not rows");
        FloorRatios.Row first = rows.get(0);
        assertEquals("netty-epoll-et", first.result().impl(), "echoes/s: highest ratio first");
        assertEquals("native-epoll-et", first.floor());
        assertEquals(1.2, first.ratio().value(), 1e-12);
        assertEquals(1.1, first.ratio().low(), 1e-12);
        assertEquals(1.3, first.ratio().high(), 1e-12);
        FloorRatios.Row second = rows.get(1);
        assertEquals("native-epoll-lt", second.floor(), "the JDK Selector is a level-triggered epoll loop");
        assertEquals(0.9, second.ratio().value(), 1e-12);
    }

    @Test
    void aModelWhoseFloorDidNotRunHasNoRow() throws Exception {
        Path run = write(Map.of("native-epoll-et", new double[] {100, 100, 100}, "nio-selector", new double[] {90, 90, 90}));
        RunDir dir = RunDir.load(run);
        assertEquals(List.of(), FloorRatios.of(dir, dir.results(), Metric.PRIMARY));
    }

    private Path write(Map<String, double[]> echoesPerRound) throws IOException {
        return writeThroughputRun(tmp, echoesPerRound);
    }

    /** A complete run of ThroughputBenchmark results, one iteration per round with the given echoes/s. */
    static Path writeThroughputRun(Path tmp, Map<String, double[]> echoesPerRound) throws IOException {
        JsonArray results = new JsonArray();
        echoesPerRound.forEach((impl, rounds) -> {
            JsonObject json = new JsonObject();
            json.addProperty("benchmark", Fixtures.THROUGHPUT);
            json.addProperty("mode", "thrpt");
            JsonObject params = new JsonObject();
            params.addProperty("impl", impl);
            params.addProperty("connections", "100");
            params.addProperty("payloadBytes", "64");
            params.addProperty("depth", "1");
            json.add("params", params);
            JsonArray forks = new JsonArray();
            for (double value : rounds) {
                JsonArray iteration = new JsonArray();
                iteration.add(value);
                forks.add(iteration);
            }
            JsonObject primary = new JsonObject();
            primary.addProperty("score", org.iobench.bench.stats.RoundSamples.of(rounds).medianOfRoundMedians());
            primary.addProperty("scoreUnit", "ops/s");
            primary.add("rawData", forks);
            json.add("primaryMetric", primary);
            JsonObject errors = new JsonObject();
            errors.addProperty("score", 0.0);
            errors.addProperty("scoreUnit", "errors");
            JsonObject secondary = new JsonObject();
            secondary.add("errors", errors);
            json.add("secondaryMetrics", secondary);
            results.add(json);
        });
        Files.createDirectories(tmp);
        Files.writeString(tmp.resolve(RunDir.JMH_JSON), results.toString(), StandardCharsets.UTF_8);
        Fixtures.replan(tmp, "quick", 3);
        return tmp;
    }
}
