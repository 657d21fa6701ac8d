package org.iobench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gate, end to end through CompareMain.run on fixture runs: exit codes, verdicts, messages. */
class CompareTest {

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int compare(String... args) {
        return CompareMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private Path run(String name, double relativeError, Fixtures.Tweak tweak) throws IOException {
        return Fixtures.writeRun(tmp.resolve(name), "quick", relativeError, tweak, UnaryOperator.identity());
    }

    /** 30% fewer echoes/s for netty-nio at 100 connections, 64 B (one result, one figure). */
    private static final Fixtures.Tweak THROUGHPUT_DROP = (bench, params, metric, score) ->
            bench.equals(Fixtures.THROUGHPUT) && params.get("impl").equals("netty-nio")
                    && params.get("connections").equals("100") && params.get("payloadBytes").equals("64")
                    && metric.equals(Metric.PRIMARY) ? score * 0.7 : score;

    @Test
    void identicalRunsPassInBothModes() throws IOException {
        Path a = run("a", 0.02, Fixtures.NONE);
        Path b = run("b", 0.02, Fixtures.NONE);
        assertEquals(CompareMain.OK, compare(a.toString(), b.toString()), stderr());
        assertTrue(stdout().contains("no regression"), stdout());
        assertTrue(stdout().contains("relative to **native-epoll-et**"), "default mode is relative: " + stdout());
        assertEquals(CompareMain.OK, compare(a.toString(), b.toString(), "--absolute"), stderr());
        assertTrue(stderr().startsWith("iobench compare: ok"), stderr());
    }

    @Test
    void thirtyPercentThroughputDropWithTightIntervalsFails() throws IOException {
        Path baseline = run("baseline", 0.01, Fixtures.NONE);
        Path current = run("current", 0.01, THROUGHPUT_DROP);
        assertEquals(CompareMain.REGRESSED, compare(baseline.toString(), current.toString()));
        assertTrue(stdout().contains("| echoes/s (÷ native-epoll-et) |"), stdout());
        assertTrue(stdout().contains("-30.0% | REGRESSION |"), stdout());
        assertTrue(stderr().contains("REGRESSION in 1 figure(s)"), stderr());
        assertTrue(stderr().contains("impl=netty-nio connections=100 depth=1 payloadBytes=64"), stderr());
        out.reset();
        err.reset();
        assertEquals(CompareMain.REGRESSED, compare(baseline.toString(), current.toString(), "--absolute"));
    }

    @Test
    void thirtyPercentDropInsideOverlappingIntervalsIsNoise() throws IOException {
        Path baseline = run("baseline", 0.25, Fixtures.NONE);
        Path current = run("current", 0.25, THROUGHPUT_DROP);
        assertEquals(CompareMain.OK, compare(baseline.toString(), current.toString(), "--absolute"), stdout());
        assertTrue(stdout().contains("-30.0% | noise |"), stdout());
    }

    @Test
    void thresholdDecidesWhatMatters() throws IOException {
        Path baseline = run("baseline", 0.01, Fixtures.NONE);
        Path current = run("current", 0.01, THROUGHPUT_DROP);
        assertEquals(CompareMain.OK, compare(baseline.toString(), current.toString(), "--threshold", "35%"));
        assertEquals(CompareMain.REGRESSED, compare(baseline.toString(), current.toString(), "--threshold", "25"));
    }

    @Test
    void relativeModeCancelsASlowerMachine() throws IOException {
        Fixtures.Tweak halfSpeedMachine = (bench, params, metric, score) -> switch (metric) {
            case Metric.PRIMARY -> score / 2;
            case "latency.p50", "latency.p90", "latency.p99", "latency.p999", "server.cpu.us.per.echo" -> score * 2;
            default -> score;
        };
        Path workstation = run("workstation", 0.01, Fixtures.NONE);
        Path runner = run("runner", 0.01, halfSpeedMachine);
        assertEquals(CompareMain.OK, compare(workstation.toString(), runner.toString()), stdout());
        assertEquals(CompareMain.REGRESSED, compare(workstation.toString(), runner.toString(), "--absolute"));
    }

    @Test
    void latencyRiseIsARegressionAndThroughputRiseAnImprovement() throws IOException {
        Fixtures.Tweak change = (bench, params, metric, score) ->
                !params.get("impl").equals("virtual") || !params.get("connections").equals("10") ? score
                        : metric.equals("latency.p99") ? score * 1.3 : metric.equals(Metric.PRIMARY) ? score * 1.3 : score;
        Path baseline = run("baseline", 0.01, Fixtures.NONE);
        Path current = run("current", 0.01, change);
        assertEquals(CompareMain.REGRESSED, compare(baseline.toString(), current.toString(), "--absolute"));
        assertTrue(stdout().contains("| p99 latency (us) | "), stdout());
        assertTrue(stdout().contains("+30.0% | REGRESSION |"), stdout());
        assertTrue(stdout().contains("+30.0% | improved |"), stdout());
    }

    @Test
    void aWorseFigureWithoutAnIntervalIsInconclusiveNotOk() throws IOException {
        UnaryOperator<JsonArray> oneIteration = array -> {
            for (var e : array) {
                JsonObject r = (JsonObject) e;
                r.addProperty("measurementIterations", 1);
                for (var m : r.getAsJsonObject("secondaryMetrics").entrySet()) oneIterationOnly(m.getValue().getAsJsonObject());
                oneIterationOnly(r.getAsJsonObject("primaryMetric"));
            }
            return array;
        };
        Path baseline = Fixtures.writeRun(tmp.resolve("baseline"), "smoke", 0.01, Fixtures.NONE, oneIteration);
        Path current = Fixtures.writeRun(tmp.resolve("current"), "smoke", 0.01, THROUGHPUT_DROP, oneIteration);
        Fixtures.replan(baseline, "smoke", 1);
        Fixtures.replan(current, "smoke", 1);
        assertEquals(CompareMain.INCONCLUSIVE, compare(baseline.toString(), current.toString()), stderr());
        assertTrue(stderr().startsWith("iobench compare: inconclusive: 1 figure(s) worse beyond the threshold but unconfirmed"), stderr());
    }

    /** JMH's shape for a single measured iteration: no interval. */
    private static void oneIterationOnly(JsonObject metric) {
        metric.addProperty("scoreError", "NaN");
        JsonArray nan = new JsonArray();
        nan.add("NaN");
        nan.add("NaN");
        metric.add("scoreConfidence", nan);
        JsonArray fork = new JsonArray();
        fork.add(metric.get("score"));
        JsonArray raw = new JsonArray();
        raw.add(fork);
        metric.add("rawData", raw);
    }

    @Test
    void missingFolderIsUnusable() throws IOException {
        Path a = run("a", 0.02, Fixtures.NONE);
        assertEquals(CompareMain.UNUSABLE, compare(a.toString(), tmp.resolve("nope").toString()));
        assertTrue(stderr().contains("no run folder at"), stderr());
        assertEquals(1, stderr().lines().count(), "one line on stderr: " + stderr());
    }

    @Test
    void malformedJsonIsUnusable() throws IOException {
        Path a = run("a", 0.02, Fixtures.NONE);
        Path b = run("b", 0.02, Fixtures.NONE);
        Files.writeString(b.resolve(RunDir.JMH_JSON), "[{\"benchmark\": \"x\", \"mode\": ");
        assertEquals(CompareMain.UNUSABLE, compare(a.toString(), b.toString()));
        assertTrue(stderr().contains("malformed JMH JSON"), stderr());
    }

    @Test
    void missingEnvIsUnusable() throws IOException {
        Path a = run("a", 0.02, Fixtures.NONE);
        Path b = run("b", 0.02, Fixtures.NONE);
        Files.delete(b.resolve(RunDir.ENV));
        assertEquals(CompareMain.UNUSABLE, compare(a.toString(), b.toString()));
        assertTrue(stderr().contains("no env.properties"), stderr());
    }

    @Test
    void differentPresetsAreUnusable() throws IOException {
        Path a = run("a", 0.02, Fixtures.NONE);
        Path b = Fixtures.writeRun(tmp.resolve("b"), "standard", 0.02, Fixtures.NONE, UnaryOperator.identity());
        assertEquals(CompareMain.UNUSABLE, compare(a.toString(), b.toString()));
        assertTrue(stderr().contains("different presets"), stderr());
    }

    @Test
    void aProfiledRunIsRefusedAsEitherSide() throws IOException {
        Path plain = run("plain", 0.02, Fixtures.NONE);
        Path profiled = run("profiled", 0.02, Fixtures.NONE);
        Files.writeString(profiled.resolve(RunDir.ENV), "profile=cpu\n", StandardCharsets.ISO_8859_1, java.nio.file.StandardOpenOption.APPEND);
        for (List<Path> sides : List.of(List.of(plain, profiled), List.of(profiled, plain))) {
            err.reset();
            assertEquals(CompareMain.UNUSABLE, compare(sides.get(0).toString(), sides.get(1).toString()), stderr());
            assertEquals("iobench compare: unusable input: profiled is a profiled run (profile=cpu): the profiler's cost is in every"
                    + " figure, so it is never compared; measure again without --profile", stderr().strip());
        }
        // an unprofiled run records the key empty
        Files.writeString(plain.resolve(RunDir.ENV), "profile=\n", StandardCharsets.ISO_8859_1, java.nio.file.StandardOpenOption.APPEND);
        err.reset();
        assertEquals(CompareMain.OK, compare(plain.toString(), plain.toString()), stderr());
    }

    @Test
    void runWithErrorsIsUnusable() throws IOException {
        Path a = run("a", 0.02, Fixtures.NONE);
        Path b = run("b", 0.02, (bench, params, metric, score) ->
                metric.equals("errors") && params.get("impl").equals("blocking") ? 3 : score);
        assertEquals(CompareMain.UNUSABLE, compare(a.toString(), b.toString()));
        assertTrue(stderr().contains("b is INVALID") && stderr().contains("impl=blocking connections=1 depth=1 payloadBytes=64: 3 echo errors"),
                stderr());
    }

    @Test
    void trialCutShortIsUnusable() throws IOException {
        // JMH keeps the finished iterations of a trial whose teardown threw: 2 of 3 here.
        Path a = run("a", 0.02, Fixtures.NONE);
        UnaryOperator<JsonArray> cutShort = array -> {
            JsonObject first = (JsonObject) array.get(0);
            first.getAsJsonObject("primaryMetric").getAsJsonArray("rawData").get(0).getAsJsonArray().remove(2);
            return array;
        };
        Path b = Fixtures.writeRun(tmp.resolve("b"), "quick", 0.02, Fixtures.NONE, cutShort);
        assertEquals(CompareMain.UNUSABLE, compare(a.toString(), b.toString()));
        assertTrue(stderr().contains("b is INVALID") && stderr().contains("1 measurement iteration(s) missing"), stderr());
    }

    @Test
    void nothingInCommonIsUnusable() throws IOException {
        Path a = run("a", 0.02, Fixtures.NONE);
        UnaryOperator<JsonArray> renamed = array -> {
            array.forEach(e -> ((JsonObject) e).addProperty("benchmark",
                    ((JsonObject) e).get("benchmark").getAsString().replace("Benchmark.echo", "Other.echo")));
            return array;
        };
        Path b = Fixtures.writeRun(tmp.resolve("b"), "quick", 0.02, Fixtures.NONE, renamed);
        Fixtures.replan(b, "quick");
        assertEquals(CompareMain.UNUSABLE, compare(a.toString(), b.toString()));
        assertTrue(stderr().contains("nothing in common"), stderr());
    }

    @Test
    void missingReferenceImplIsUnusableInRelativeModeOnly() throws IOException {
        Path a = run("a", 0.02, Fixtures.NONE);
        Path b = run("b", 0.02, Fixtures.NONE);
        assertEquals(CompareMain.UNUSABLE, compare(a.toString(), b.toString(), "--relative-to", "no-such-impl"));
        assertTrue(stderr().contains("reference impl no-such-impl is not in"), stderr());
        assertEquals(CompareMain.OK, compare(a.toString(), b.toString(), "--relative-to", "netty-nio"));
    }

    @Test
    void badArgumentsAreUnusable() {
        assertEquals(CompareMain.UNUSABLE, compare("only-one"));
        assertEquals(CompareMain.UNUSABLE, compare("a", "b", "--threshold", "ten"));
        assertEquals(CompareMain.UNUSABLE, compare("a", "b", "--frobnicate"));
        assertEquals(CompareMain.UNUSABLE, compare("a", "b", "--absolute", "--relative-to", "x"));
    }

    @Test
    void runsOfDifferentJdkFeatureVersionsAreRefusedUnlessAllowed() throws IOException {
        Path baseline = run("baseline", 0.02, Fixtures.NONE);
        Path current = run("current", 0.02, Fixtures.NONE);
        Path env = current.resolve(RunDir.ENV);
        java.nio.file.Files.writeString(env, java.nio.file.Files.readString(env, StandardCharsets.ISO_8859_1)
                .replace("jdk.version=25", "jdk.version=21.0.5+11"), StandardCharsets.ISO_8859_1);
        assertEquals(CompareMain.UNUSABLE, compare(baseline.toString(), current.toString()));
        assertTrue(stderr().contains("the runs differ in jdk.feature (baseline baseline: '25', current current: '21')"), stderr());
        out.reset();
        err.reset();
        assertEquals(CompareMain.OK, compare(baseline.toString(), current.toString(), "--allow-env-mismatch"), stderr());
    }

    @Test
    void memoryPerConnectionIsGatedOnlyFromAThousandConnections() throws IOException {
        Fixtures.Tweak moreMemory = (bench, params, metric, score) -> metric.equals(Metric.MEMORY_PER_CONNECTION) ? score * 2 : score;
        Path baseline = run("baseline", 0.01, Fixtures.NONE);
        Path current = run("current", 0.01, moreMemory);
        assertEquals(CompareMain.REGRESSED, compare(baseline.toString(), current.toString(), "--absolute"));
        List<String> flagged = stdout().lines().filter(l -> l.contains("server memory per connection") && l.contains("REGRESSION")).toList();
        assertTrue(!flagged.isEmpty(), stdout());
        // every table row about memory belongs to a result at >= 1,000 connections
        String[] sections = stdout().split("### ");
        for (String section : sections) {
            if (section.contains("server memory per connection")) {
                assertTrue(section.contains("connections=1000 ") || section.contains("connections=10000 "), section);
            }
        }
    }
}
