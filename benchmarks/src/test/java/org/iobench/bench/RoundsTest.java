package org.iobench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TrialSchedule: every trial once per round, shuffled per round, reproducible; RoundMerge: rounds become forks. */
class RoundsTest {
    @TempDir
    Path dir;

    private static List<BenchPlan.Invocation> trials() {
        BenchPlan.Invocation inv = new BenchPlan.Invocation(Preset.Kind.THROUGHPUT, List.of("a", "b", "c"),
                List.of(10, 100), List.of(64), List.of(1), 1);
        return TrialSchedule.trials(new BenchPlan(List.of(inv), List.of()));
    }

    @Test
    void everyTrialOncePerRoundInAFreshOrder() {
        List<BenchPlan.Invocation> trials = trials();
        assertEquals(6, trials.size());
        trials.forEach(t -> assertEquals(1, t.trials()));
        List<TrialSchedule.Slot> slots = TrialSchedule.shuffled(trials, 5, 42);
        assertEquals(30, slots.size());
        Set<List<BenchPlan.Invocation>> orders = new HashSet<>();
        for (int round = 1; round <= 5; round++) {
            int r = round;
            List<BenchPlan.Invocation> order = slots.stream().filter(s -> s.round() == r).map(TrialSchedule.Slot::trial).toList();
            assertEquals(Set.copyOf(trials), Set.copyOf(order), "round " + r + " visits every trial once");
            assertEquals(6, order.size());
            orders.add(order);
        }
        assertTrue(orders.size() > 1, "rounds are shuffled afresh");
        assertEquals(slots, TrialSchedule.shuffled(trials, 5, 42), "the seed reproduces the order");
        assertNotEquals(slots, TrialSchedule.shuffled(trials, 5, 43));
        assertThrows(IllegalArgumentException.class, () -> TrialSchedule.shuffled(trials, 0, 1));
    }

    private Path part(String name, String impl, double[] primary, double[] errors) throws IOException {
        String json = """
                [{"jmhVersion":"1.37","benchmark":"org.iobench.bench.ThroughputBenchmark.echo","mode":"thrpt","forks":1,
                  "measurementIterations":%d,"params":{"impl":"%s","connections":"100"},
                  "primaryMetric":{"score":1,"scoreError":"NaN","scoreConfidence":["NaN","NaN"],"scoreUnit":"ops/s","rawData":[%s]},
                  "secondaryMetrics":{%s}}]
                """.formatted(primary.length, impl, array(primary),
                errors == null ? "" : "\"errors\":{\"score\":0,\"scoreUnit\":\"errors\",\"rawData\":[" + array(errors) + "]}");
        Path file = dir.resolve(name);
        Files.writeString(file, json);
        return file;
    }

    private static String array(double[] values) {
        List<String> texts = new ArrayList<>();
        for (double v : values) texts.add(Double.toString(v));
        return "[" + String.join(",", texts) + "]";
    }

    @Test
    void roundsBecomeForksInRoundOrderWithTheirOrderRecorded() throws IOException {
        BenchPlan.Invocation a = trials().get(0);
        BenchPlan.Invocation b = trials().get(1);
        List<RoundMerge.Part> parts = List.of(
                new RoundMerge.Part(new TrialSchedule.Slot(2, 1, a), part("r2a.json", "a", new double[] {30, 31}, new double[] {0, 0}), null),
                new RoundMerge.Part(new TrialSchedule.Slot(1, 2, a), part("r1a.json", "a", new double[] {10, 11}, null), null),
                new RoundMerge.Part(new TrialSchedule.Slot(1, 1, b), part("r1b.json", "b", new double[] {5, 6}, new double[] {0, 2}), null),
                new RoundMerge.Part(new TrialSchedule.Slot(2, 2, b), dir.resolve("missing.json"), null));
        Path out = dir.resolve("jmh.json");
        RoundMerge.merge(parts, (metric, rounds, from) -> new RoundMerge.Summary(
                rounds.stream().mapToDouble(r -> r.length).sum(), Double.NaN, Double.NaN), out);
        JsonArray merged = JsonParser.parseString(Files.readString(out)).getAsJsonArray();
        assertEquals(2, merged.size());
        JsonObject first = merged.get(0).getAsJsonObject();
        assertEquals("b", first.getAsJsonObject("params").get("impl").getAsString(), "results in the order first measured");
        JsonObject ra = merged.get(1).getAsJsonObject();
        assertEquals(2, ra.get("forks").getAsInt());
        assertEquals("[[10.0,11.0],[30.0,31.0]]", ra.getAsJsonObject("primaryMetric").get("rawData").toString());
        assertEquals("[[],[0.0,0.0]]", ra.getAsJsonObject("secondaryMetrics").getAsJsonObject("errors").get("rawData").toString(),
                "a round that did not report a metric keeps its place");
        assertEquals("[1,2]", ra.getAsJsonObject("iobench").get("rounds").toString());
        assertEquals("[2,1]", ra.getAsJsonObject("iobench").get("order").toString());
        assertEquals(4.0, ra.getAsJsonObject("primaryMetric").get("score").getAsDouble(), "the summariser sets the score");
        assertEquals("NaN", ra.getAsJsonObject("primaryMetric").get("scoreError").getAsString(), "NaN written as JMH does");
        assertEquals(1, first.get("forks").getAsInt());
    }
}
