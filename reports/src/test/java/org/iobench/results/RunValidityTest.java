package org.iobench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run with a failed, missing, cut-short or unfinished trial never reads as valid: not in
 * summary.md, not to the gate. Both sources are checked: env.properties' markers, and jmh.json
 * against the plan (a hand-edited or truncated jmh.json fails on its own).
 */
class RunValidityTest {

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private static final String BLOCKING_100 = "org.iobench.bench.ThroughputBenchmark.echo impl=blocking connections=100 depth=1 payloadBytes=64";

    private Path run(String name, UnaryOperator<JsonArray> edit) throws IOException {
        return Fixtures.writeRun(tmp.resolve(name), "quick", 0.01, Fixtures.NONE, edit);
    }

    private int compare(Path baseline, Path current) {
        return CompareMain.run(new String[] {baseline.toString(), current.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String summary(Path run) throws IOException {
        assertEquals(0, PlotMain.run(new String[] {run.toString()}, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)), err.toString());
        return Files.readString(run.resolve(MarkdownSummary.FILE));
    }

    private static void setEnv(Path run, String key, String value) throws IOException {
        Properties env = new Properties();
        try (Reader in = Files.newBufferedReader(run.resolve(RunDir.ENV), StandardCharsets.ISO_8859_1)) {
            env.load(in);
        }
        if (value == null) env.remove(key);
        else env.setProperty(key, value);
        try (Writer w = Files.newBufferedWriter(run.resolve(RunDir.ENV), StandardCharsets.ISO_8859_1)) {
            env.store(w, null);
        }
    }

    /** Drops the blocking 100-connection throughput result, as JMH does with a trial whose server was killed. */
    private static JsonArray withoutBlocking100(JsonArray array) {
        for (int i = 0; i < array.size(); i++) {
            JsonObject r = array.get(i).getAsJsonObject();
            JsonObject p = r.getAsJsonObject("params");
            if (r.get("benchmark").getAsString().contains("Throughput") && p.get("impl").getAsString().equals("blocking")
                    && p.get("connections").getAsString().equals("100") && p.get("payloadBytes").getAsString().equals("64")) {
                array.remove(i);
                return array;
            }
        }
        throw new AssertionError("fixture changed");
    }

    @Test
    void aTrialBenchMainRecordedAsFailedMakesTheRunInvalidAndTheGateRefuseIt() throws IOException {
        Path baseline = run("baseline", UnaryOperator.identity());
        Path current = run("current", RunValidityTest::withoutBlocking100);
        setEnv(current, "failed", BLOCKING_100.replace(" depth=1 payloadBytes=64", " payloadBytes=64 depth=1")
                + ": no result (its setup, benchmark or teardown threw; see '<failure>' in the run's output)");
        assertEquals(CompareMain.UNUSABLE, compare(baseline, current));
        assertTrue(err.toString().startsWith("iobench compare: unusable input: current is INVALID"), err.toString());
        assertTrue(err.toString().contains("impl=blocking connections=100 payloadBytes=64 depth=1: no result"), err.toString());
        String md = summary(current);
        assertTrue(md.startsWith("# iobench run current: INVALID\n"), md);
        assertTrue(md.contains("**⚠ INVALID run**: 1 trial(s)"), md);
        assertTrue(md.contains("- INVALID: org.iobench.bench.ThroughputBenchmark.echo impl=blocking connections=100 payloadBytes=64 depth=1: no result"), md);
    }

    @Test
    void aTruncatedJmhJsonFailsAgainstThePlanEvenWithCleanMarkers() throws IOException {
        Path baseline = run("baseline", UnaryOperator.identity());
        Path current = run("current", RunValidityTest::withoutBlocking100);
        assertEquals(CompareMain.UNUSABLE, compare(baseline, current));
        assertTrue(err.toString().contains(BLOCKING_100 + ": planned but not in jmh.json"), err.toString());
        assertTrue(summary(current).contains("- INVALID: " + BLOCKING_100 + ": planned but not in jmh.json"));
    }

    @Test
    void handEditsThatHideAFailureDoNotPass() throws IOException {
        UnaryOperator<JsonArray> hideCutShort = array -> {
            // one iteration removed AND the result's own plan lowered to match: the recorded plan still says 3
            JsonObject first = array.get(0).getAsJsonObject();
            first.getAsJsonObject("primaryMetric").getAsJsonArray("rawData").get(0).getAsJsonArray().remove(2);
            first.addProperty("measurementIterations", 2);
            return array;
        };
        UnaryOperator<JsonArray> dropErrorsMetric = array -> {
            array.get(0).getAsJsonObject().getAsJsonObject("secondaryMetrics").remove("errors");
            return array;
        };
        UnaryOperator<JsonArray> duplicate = array -> {
            array.add(array.get(0).deepCopy());
            return array;
        };
        Path baseline = run("baseline", UnaryOperator.identity());
        assertEquals(CompareMain.UNUSABLE, compare(baseline, run("cut", hideCutShort)));
        assertTrue(err.toString().contains("1 measurement iteration(s) missing"), err.toString());
        assertEquals(CompareMain.UNUSABLE, compare(baseline, run("noerrors", dropErrorsMetric)));
        assertTrue(err.toString().contains("no errors metric"), err.toString());
        assertEquals(CompareMain.UNUSABLE, compare(baseline, run("twice", duplicate)));
        assertTrue(err.toString().contains("appears more than once"), err.toString());
    }

    @Test
    void anInterruptedRunIsIncompleteEverywhere() throws IOException {
        Path baseline = run("baseline", UnaryOperator.identity());
        Path current = run("current", RunValidityTest::withoutBlocking100);
        setEnv(current, "run.status", "interrupted");
        setEnv(current, "incomplete", BLOCKING_100 + ": cut short by the interrupt");
        assertEquals(CompareMain.UNUSABLE, compare(baseline, current));
        assertTrue(err.toString().contains("current is INCOMPLETE (see its summary.md): run.status=interrupted; "
                + BLOCKING_100 + ": cut short by the interrupt"), err.toString());
        String md = summary(current);
        assertTrue(md.startsWith("# iobench run current: INCOMPLETE\n"), md);
        assertTrue(md.contains("- incomplete: " + BLOCKING_100 + ": cut short by the interrupt"), md);
        assertTrue(!md.contains("planned but not in jmh.json"), "named once, as incomplete: " + md);
    }

    @Test
    void aRunThatNeverRecordedItsEndIsIncomplete() throws IOException, ResultsException {
        Path killed = run("killed", UnaryOperator.identity());
        setEnv(killed, "run.status", "running");
        RunValidity validity = RunDir.load(killed).validity();
        assertEquals(RunValidity.Outcome.INCOMPLETE, validity.outcome());
        assertTrue(validity.headline().contains("never recorded its end"), validity.headline());
        // written before run.status existed: wall.time was the end marker
        Path legacy = run("legacy", UnaryOperator.identity());
        setEnv(legacy, "run.status", null);
        setEnv(legacy, "wall.time", null);
        assertEquals(RunValidity.Outcome.INCOMPLETE, RunDir.load(legacy).validity().outcome());
    }

    @Test
    void theCommittedRunsRecordedBeforeThePlanStillCountAsValid() throws ResultsException {
        Path home = Path.of(System.getProperty("iobench.home", ".."));
        for (String committed : List.of("baseline-quick", "2026-11-26-vm")) {
            RunValidity validity = RunDir.load(home.resolve("results").resolve(committed)).validity();
            assertEquals(RunValidity.Outcome.VALID, validity.outcome(), committed + ": " + validity.headline());
        }
    }

    @Test
    void aTrialBenchMainRecordedAtALimitIsAnOutcomeNotAFailure() throws IOException, ResultsException {
        Path current = run("current", RunValidityTest::withoutBlocking100);
        setEnv(current, "limits", BLOCKING_100 + ": opened 31000 of 100000 connections: out of memory for threads");
        RunValidity validity = RunDir.load(current).validity();
        assertEquals(RunValidity.Outcome.VALID, validity.outcome(), validity.headline());
        assertEquals(List.of(BLOCKING_100 + ": opened 31000 of 100000 connections: out of memory for threads"), validity.limits());
        assertTrue(summary(current).contains("- " + BLOCKING_100 + ": opened 31000 of 100000"));

        // a limits= entry explains a missing result; it cannot excuse one with errors
        Path errors = run("errors", array -> {
            array.get(0).getAsJsonObject().getAsJsonObject("secondaryMetrics").add("errors", Fixtures.measure(5, "errors", 0));
            return array;
        });
        String first = RunDir.load(errors).results().getFirst().trialKey();
        setEnv(errors, "limits", first + ": pretend");
        assertEquals(RunValidity.Outcome.INVALID, RunDir.load(errors).validity().outcome());
    }

    @Test
    void aTrialAtALimitKeepsTheRunValidButStaysOutOfTheComparison() throws IOException, ResultsException {
        UnaryOperator<JsonArray> blockingAtLimit = array -> {
            for (var e : array) {
                JsonObject r = e.getAsJsonObject();
                if (r.getAsJsonObject("params").get("impl").getAsString().equals("blocking")
                        && r.getAsJsonObject("params").get("connections").getAsString().equals("10000")) {
                    r.getAsJsonObject("secondaryMetrics").add(BenchResult.LIMIT_METRIC, Fixtures.measure(1, "flag", 0));
                }
            }
            return array;
        };
        Path baseline = run("baseline", UnaryOperator.identity());
        Path current = run("current", blockingAtLimit);
        RunValidity validity = RunDir.load(current).validity();
        assertEquals(RunValidity.Outcome.VALID, validity.outcome(), validity.headline());
        assertEquals(3, validity.limits().size(), validity.limits().toString());
        assertEquals(CompareMain.OK, compare(baseline, current), err.toString());
        assertTrue(out.toString().contains("3 at a limit in either run"), out.toString());
        List<BenchResult> results = RunDir.load(current).results();
        assertEquals(results.size() - 3, ActionBenchmarkExport.entries(results, List.of(Metric.PRIMARY)).size(),
                "no figure of a trial at its limit goes into the history");
        assertTrue(summary(current).contains("**Reached a limit**"));
    }
}
