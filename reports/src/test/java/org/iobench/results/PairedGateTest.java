package org.iobench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The A/B gate end to end on synthetic run folders (the rule itself: RegressionRuleTest): figures are
 * paired by result and round, judged in the right direction, and only the A/B pair of one session is
 * accepted.
 */
class PairedGateTest {
    static final List<String> IMPLS = List.of("native-epoll-et", "nio-selector", "netty-nio", "blocking");
    static final int ROUNDS = 5;
    static final int ITERATIONS = 4;

    @TempDir
    Path tmp;
    /** A round (from 1) in which netty-nio's closed-loop base fork is disturbed and slow; 0 for none. */
    int disturbedRound;
    /** A round (from 1) in which netty-nio's closed-loop base fork ran with its CPUs far apart, and slow; 0 for none. */
    int farRound;

    /** A change applied to the head side: impl, metric, value → value. */
    interface Change {
        double apply(String impl, String metric, double value);
    }

    static final Change NONE = (impl, metric, value) -> value;

    @Test
    void theSameCodeOnBothSidesIsNoRegression() throws IOException {
        Result result = gate(NONE, "s1", "s1");
        assertEquals(CompareMain.OK, result.status, result.err);
        assertTrue(!result.out.contains("**REGRESSION**"), result.out);
        // the gate says what it could have seen: per figure kind, the smallest change these rounds detect
        assertTrue(result.out.contains("What 5 rounds can see (80% power, one real change among the 12 gated figures):"), result.out);
        String echoes = result.out.lines().filter(l -> l.startsWith("| ThroughputBenchmark.echo echoes/s |")).findFirst()
                .orElseThrow(() -> new AssertionError(result.out));
        // σ of the fixture's per-round log ratios is about 2%·√2 (independent 2% noise per side, medians of 4)
        double sigma = Double.parseDouble(echoes.split("\\|")[2].strip().replace("%", ""));
        assertTrue(sigma > 0.3 && sigma < 3, echoes);
    }

    @Test
    void fewerEchoesPerSecondOfOneServerIsFlaggedForThatServerOnly() throws IOException {
        Result result = gate((impl, metric, value) -> impl.equals("nio-selector") && metric.equals(Metric.PRIMARY) ? value * 0.8 : value,
                "s1", "s1");
        assertEquals(CompareMain.REGRESSED, result.status, result.out);
        List<String> flagged = result.out.lines().filter(l -> l.startsWith("| ") && l.contains("**REGRESSION**")).toList();
        assertEquals(1, flagged.size(), result.out);
        assertTrue(flagged.getFirst().contains("impl=nio-selector") && flagged.getFirst().contains("echoes/s"), flagged.getFirst());
    }

    @Test
    void moreCpuPerEchoIsARegressionAndLessIsAnImprovement() throws IOException {
        Result worse = gate((impl, metric, value) -> impl.equals("netty-nio") && metric.equals("server.cpu.us.per.echo") ? value * 1.2 : value,
                "s1", "s1");
        assertEquals(CompareMain.REGRESSED, worse.status, worse.out);
        Result better = gate((impl, metric, value) -> impl.equals("netty-nio") && metric.equals("server.cpu.us.per.echo") ? value / 1.2 : value,
                "s1", "s1");
        assertEquals(CompareMain.OK, better.status, better.out);
        assertTrue(better.out.contains("| improvement |"), better.out);
    }

    @Test
    void anExtraSystemCallsWorthOfCpuIsFlaggedAtTheDefaultThresholdButNotAtTenPerCent() throws IOException {
        // results/ab-power-placement syscall-1: one extra getsockopt per read cost nio-selector +8% CPU per echo
        Change syscall = (impl, metric, value) -> impl.equals("nio-selector") && metric.equals("server.cpu.us.per.echo") ? value * 1.08 : value;
        Result byDefault = gate(syscall, "s1", "s1");
        assertEquals(CompareMain.REGRESSED, byDefault.status, byDefault.out);
        assertTrue(byDefault.out.contains("a practical threshold of 5%"), byDefault.out);
        Result lenient = gate(syscall, "s1", "s1", "--threshold", "10%");
        assertEquals(CompareMain.OK, lenient.status, lenient.out);
        // at 10% the same +8% reads "no change" or "inconclusive" (by where its interval's upper end falls): not flagged
        assertTrue(lenient.out.contains("a practical threshold of 10%"), lenient.out);
        assertTrue(lenient.out.lines().anyMatch(l -> l.contains("ThroughputBenchmark") && l.contains("impl=nio-selector")
                && l.contains("server CPU per echo") && (l.contains("| no change |") || l.contains("| inconclusive |"))), lenient.out);
    }

    @Test
    void aWorseP99IsReportedWithItsVerdictButDecidesNothing() throws IOException {
        Result result = gate((impl, metric, value) -> impl.equals("blocking") && metric.equals("latency.p99") ? value * 1.5 : value,
                "s1", "s1");
        assertEquals(CompareMain.OK, result.status, "p99 is reported, not gated: " + result.out);
        String reported = result.out.substring(result.out.indexOf("Reported, not gated"));
        assertTrue(reported.lines().anyMatch(l -> l.contains("LatencyBenchmark") && l.contains("impl=blocking")
                && l.contains("p99 latency") && l.contains("**REGRESSION**")), result.out);
        assertTrue(result.out.contains("- (not gated) **REGRESSION**: LatencyBenchmark.echo thrpt impl=blocking"), result.out);
    }

    @Test
    void aRoundWithADisturbedForkIsDroppedFromThePairingNotFromTheGate() throws IOException {
        disturbedRound = 3;   // netty-nio's base fork in round 3 had most iterations disturbed, and is 40% slow
        Result result = gate(NONE, "s1", "s1");
        assertEquals(CompareMain.OK, result.status, result.out);
        assertTrue(result.out.contains("1 round(s) of a result were left out because a side's fork there was disturbed"),
                result.out);
        assertTrue(result.out.lines().anyMatch(l -> l.contains("ThroughputBenchmark") && l.contains("impl=netty-nio")
                && l.contains("echoes/s") && l.contains("| no change |")), result.out);
    }

    @Test
    void aRoundWhoseForksRanInDifferentCpuPlacementsIsNoPair() throws IOException {
        farRound = 2;   // netty-nio's base fork in round 2 had its CPUs 4x farther apart than the head's, and was 25% slow
        Result result = gate(NONE, "s1", "s1");
        assertEquals(CompareMain.OK, result.status, result.out);
        assertTrue(result.out.contains("1 round(s) of a result were left out because the base's and the head's forks ran in"
                + " different CPU placements"), result.out);
        assertTrue(!result.out.contains("because a side's fork there was disturbed"), result.out);
        JsonObject json = JsonParser.parseString(Files.readString(tmp.resolve("gate.json"))).getAsJsonObject();
        assertEquals(1, json.get("splitPairs").getAsInt());
        assertEquals(0, json.get("droppedPairs").getAsInt());
    }

    @Test
    void sidesOfDifferentSessionsAreRefused() throws IOException {
        Result result = gate(NONE, "s1", "s2");
        assertEquals(CompareMain.UNUSABLE, result.status);
        assertTrue(result.err.startsWith("iobench compare: unusable input: --paired needs the two sides of one A/B run"), result.err);
    }

    @Test
    void aProfiledSideIsRefused() throws IOException {
        assertEquals(CompareMain.OK, gate(NONE, "s1", "s1").status);
        Files.writeString(tmp.resolve("head").resolve(RunDir.ENV), "profile=cpu\n", StandardCharsets.ISO_8859_1, StandardOpenOption.APPEND);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = CompareMain.run(new String[] {"--paired", tmp.resolve("base").toString(), tmp.resolve("head").toString()},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(CompareMain.UNUSABLE, status);
        assertEquals("iobench compare: unusable input: head is a profiled run (profile=cpu): the profiler's cost is in every figure,"
                + " so it is never compared; measure again without --profile", err.toString(StandardCharsets.UTF_8).strip());
    }

    @Test
    void theJsonVerdictHasEveryJudgedFigure() throws IOException {
        Result result = gate(NONE, "s1", "s1");
        JsonObject json = JsonParser.parseString(Files.readString(tmp.resolve("gate.json"))).getAsJsonObject();
        // 4 impls x (echoes/s + CPU per echo closed loop, p99 + CPU per echo open loop)
        assertEquals(IMPLS.size() * 4, json.getAsJsonArray("figures").size(), result.out);
        assertEquals(ROUNDS, json.get("rounds").getAsInt());
    }

    private record Result(int status, String out, String err) {
    }

    private Result gate(Change change, String baseSession, String headSession, String... options) throws IOException {
        // one machine's rounds: a shared slow/fast phase per round, independent noise per fork
        Random random = new Random(42);
        double[] roundEffect = new double[ROUNDS];
        for (int r = 0; r < ROUNDS; r++) roundEffect[r] = 1 + 0.08 * random.nextGaussian();
        Path base = writeSide(tmp.resolve("base"), "base", baseSession, NONE, roundEffect, random);
        Path head = writeSide(tmp.resolve("head"), "head", headSession, change, roundEffect, random);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> args = new java.util.ArrayList<>(List.of("--paired", base.toString(), head.toString(), "--json",
                tmp.resolve("gate.json").toString()));
        args.addAll(List.of(options));
        int status = CompareMain.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Path writeSide(Path dir, String side, String session, Change change, double[] roundEffect, Random random)
            throws IOException {
        Files.createDirectories(dir);
        JsonArray results = new JsonArray();
        for (String impl : IMPLS) {
            double capacity = 80_000 + 10_000 * IMPLS.indexOf(impl);
            results.add(result(Fixtures.THROUGHPUT, Map.of("impl", impl, "connections", "100", "payloadBytes", "64", "depth", "1"),
                    Map.of(Metric.PRIMARY, capacity, "server.cpu.us.per.echo", 1e6 / capacity), impl, change, roundEffect, random,
                    side.equals("base") && impl.equals("netty-nio") ? disturbedRound : 0,
                    side.equals("base") && impl.equals("netty-nio") ? farRound : 0));
            results.add(result(Fixtures.LATENCY, Map.of("impl", impl, "connections", "100", "payloadBytes", "64", "rate", "10000"),
                    Map.of(Metric.PRIMARY, 10_000.0, "server.cpu.us.per.echo", 2e6 / capacity, "latency.p99", 3e7 / capacity),
                    impl, change, roundEffect, random, 0, 0));
        }
        try (var writer = Files.newBufferedWriter(dir.resolve(RunDir.JMH_JSON), StandardCharsets.UTF_8)) {
            new GsonBuilder().create().toJson(results, writer);
        }
        Fixtures.replan(dir, "gate", ROUNDS * ITERATIONS);
        Files.writeString(dir.resolve(RunDir.ENV), "ab.side=" + side + "\nab.session=" + session + "\n", StandardCharsets.ISO_8859_1,
                StandardOpenOption.APPEND);
        return dir;
    }

    /** One result over ROUNDS forks of ITERATIONS iterations: mean × round effect × 2% noise, then the change. */
    private static JsonObject result(String benchmark, Map<String, String> params, Map<String, Double> means, String impl,
                                     Change change, double[] roundEffect, Random random, int disturbedRound, int farRound) {
        JsonObject json = new JsonObject();
        json.addProperty("benchmark", benchmark);
        json.addProperty("mode", "thrpt");
        json.addProperty("forks", ROUNDS);
        json.addProperty("measurementIterations", ITERATIONS);
        JsonObject jsonParams = new JsonObject();
        params.forEach(jsonParams::addProperty);
        json.add("params", jsonParams);
        JsonObject secondary = new JsonObject();
        for (Map.Entry<String, Double> mean : means.entrySet()) {
            boolean bigger = mean.getKey().equals(Metric.PRIMARY);
            JsonArray forks = new JsonArray();
            for (int r = 0; r < ROUNDS; r++) {
                JsonArray iterations = new JsonArray();
                for (int i = 0; i < ITERATIONS; i++) {
                    double effect = bigger ? roundEffect[r] : 1 / roundEffect[r];
                    double value = mean.getValue() * effect * (1 + 0.02 * random.nextGaussian()) * (r + 1 == disturbedRound ? 0.6 : 1)
                            * (r + 1 == farRound ? (bigger ? 0.75 : 1.25) : 1);
                    iterations.add(change.apply(impl, mean.getKey(), value));
                }
                forks.add(iterations);
            }
            JsonObject metric = new JsonObject();
            metric.addProperty("score", mean.getValue());
            metric.addProperty("scoreError", Double.NaN);
            metric.addProperty("scoreUnit", Metric.unitOf(mean.getKey()));
            metric.add("rawData", forks);
            if (bigger) json.add("primaryMetric", metric);
            else secondary.add(mean.getKey(), metric);
        }
        secondary.add("errors", zeros());
        JsonArray disturbedForks = new JsonArray();
        for (int r = 0; r < ROUNDS; r++) {
            JsonArray iterations = new JsonArray();
            for (int i = 0; i < ITERATIONS; i++) iterations.add(r + 1 == disturbedRound && i > 0 ? 1.0 : 0.0);
            disturbedForks.add(iterations);
        }
        JsonObject disturbed = zeros();
        disturbed.add("rawData", disturbedForks);
        secondary.add("disturbed", disturbed);
        JsonArray distanceForks = new JsonArray();
        for (int r = 0; r < ROUNDS; r++) {
            JsonArray iterations = new JsonArray();
            for (int i = 0; i < ITERATIONS; i++) iterations.add(r + 1 == farRound ? 390.0 : 95.0 + random.nextInt(10));
            distanceForks.add(iterations);
        }
        JsonObject distance = zeros();
        distance.addProperty("scoreUnit", "ns");
        distance.add("rawData", distanceForks);
        secondary.add("cpu.distance.ns", distance);
        json.add("secondaryMetrics", secondary);
        return json;
    }

    private static JsonObject zeros() {
        JsonObject metric = new JsonObject();
        metric.addProperty("score", 0.0);
        metric.addProperty("scoreError", Double.NaN);
        metric.addProperty("scoreUnit", "errors");
        return metric;
    }
}
