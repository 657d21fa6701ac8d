package org.iobench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** scripts/plot through PlotMain.run on fixture runs: what lands in the run folder. */
class PlotTest {

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int plot(String... args) {
        return PlotMain.run(args, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private Path fixture(String name) throws IOException {
        return Fixtures.writeRun(tmp.resolve(name), "standard", 0.03, Fixtures.NONE, UnaryOperator.identity());
    }

    @Test
    void csvHasOneRowPerResultAndMetricIncludingThePrimaryScore() throws IOException {
        Path run = fixture("run");
        assertEquals(0, plot(run.toString()), err.toString());
        List<String> lines = Files.readAllLines(run.resolve(SummaryCsv.FILE));
        assertEquals(SummaryCsv.HEADER, lines.getFirst());
        int impls = Fixtures.IMPLS.size();
        int connections = Fixtures.CONNECTIONS.size();
        int throughputResults = impls * connections * Fixtures.PAYLOADS.size();
        int latencyResults = impls * connections;
        // throughput: primary + 15 secondaries; latency: primary + 17 (offered and achieved rate)
        assertEquals(1 + throughputResults * 16 + latencyResults * 18, lines.size());
        String expectedStart = "ThroughputBenchmark.echo,thrpt,netty-epoll-et,100,64,1,,,echoes.per.s,";
        String row = lines.stream().filter(l -> l.startsWith(expectedStart)).findFirst().orElseThrow();
        String[] cells = row.split(",", -1);
        assertEquals(16, cells.length, row);
        assertEquals("ops/s", cells[13]);
        assertEquals("true", cells[14]);
        double value = Double.parseDouble(cells[9]);
        assertEquals(value * 0.97, Double.parseDouble(cells[11]), value * 1e-9, "ci_low");
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("LatencyBenchmark.echo,thrpt,blocking,1000,64,,20000,,latency.p99,")));
        assertTrue(lines.get(1).startsWith("LatencyBenchmark.echo,thrpt,blocking,1,64,"), "sorted: " + lines.get(1));
    }

    @Test
    void chartsAreWrittenAsPng() throws Exception {
        Path run = fixture("run");
        assertEquals(0, plot(run.toString()), err.toString());
        Path charts = run.resolve(Charts.DIR);
        List<String> expected = List.of("throughput-payload64B-depth1", "throughput-payload1024B-depth1",
                "throughput-ratio-payload64B-depth1", "throughput-ratio-payload1024B-depth1",
                "latency-p50-payload64B-rate20000", "latency-p99-payload64B-rate20000",
                "latency-p999-payload64B-rate20000", "cpu-per-echo-payload64B-depth1",
                "memory-per-connection-payload1024B-depth1", "pareto-payload64B-depth1-connections100",
                "pareto-memory-payload64B-depth1-connections100",
                "heatmap-payload64B-depth1", "heatmap-payload64B-rate20000");
        for (String stem : expected) {
            Path png = charts.resolve(stem + ".png");
            assertTrue(Files.size(png) > 20_000, stem + ".png is only " + Files.size(png) + " bytes");
        }
        try (Stream<Path> files = Files.list(charts)) {
            assertEquals(2 * 5 + 1 + 3 + 2 * 2 * Fixtures.CONNECTIONS.size(), files.count(), "per payload: throughput, its ratio,"
                    + " its heat map, CPU, memory and two Pareto charts (against CPU, against memory) per connection count;"
                    + " at the fixed rate a heat map and"
                    + " 3 latency percentiles (no .hlog: no spectrum)");
        }
    }

    @Test
    void severalRunsOverlayOnTheThroughputChart() throws Exception {
        Path current = fixture("current");
        Path baseline = fixture("baseline");
        assertEquals(0, plot(current.toString(), baseline.toString()), err.toString());
        assertTrue(Files.size(current.resolve(Charts.DIR).resolve("throughput-payload64B-depth1.png")) > 20_000);
        Charts.NamedChart throughput = Charts.build(List.of(RunDir.load(current), RunDir.load(baseline))).getFirst();
        assertEquals("throughput-payload64B-depth1", throughput.stem());
        assertTrue(throughput.chart().getSeriesMap().containsKey("netty-nio (baseline)"), "legend names runs");
        assertTrue(throughput.chart().getSeriesMap().containsKey("netty-nio (current)"), "legend names runs");
        assertEquals(2 * Fixtures.IMPLS.size(), throughput.chart().getSeriesMap().values().stream()
                .filter(s -> s.isShowInLegend()).count(), "one legend entry per run and implementation");
        assertFalse(Files.exists(baseline.resolve(SummaryCsv.FILE)), "only the first run's folder is written");
    }

    @Test
    void overlayingARunOfAnotherPresetSaysSo() throws IOException {
        Path current = fixture("current");
        Path quick = Fixtures.writeRun(tmp.resolve("quick-run"), "quick", 0.03, Fixtures.NONE, UnaryOperator.identity());
        assertEquals(0, plot(current.toString(), quick.toString()), err.toString());
        assertTrue(err.toString().contains("warning: overlaying quick-run (preset 'quick') on current (preset 'standard')"), err.toString());
    }

    @Test
    void markdownFlagsInvalidAndClientBoundResults() throws IOException {
        Path run = Fixtures.writeRun(tmp.resolve("run"), "quick", 0.03, (bench, params, metric, score) -> {
            boolean blocking10k = params.get("impl").equals("blocking") && params.get("connections").equals("10000");
            boolean native1 = params.get("impl").equals("native-epoll-et") && params.get("connections").equals("1");
            return metric.equals("errors") && blocking10k ? 7 : metric.equals("client.bound") && native1 ? 1 : score;
        }, UnaryOperator.identity());
        assertEquals(0, plot(run.toString()));
        assertTrue(err.toString().contains("the run is INVALID: 3 trial(s)"), err.toString());
        assertEquals(PlotMain.NOT_VALID, plot("--require-valid", run.toString()), "mvn -Pbench fails after drawing");
        assertEquals(0, plot("--require-valid", fixture("valid").toString()), err.toString());
        String md = Files.readString(run.resolve(MarkdownSummary.FILE));
        assertTrue(md.contains("| preset | quick |"), md);
        assertTrue(md.startsWith("# iobench run run: INVALID\n"), md);
        assertTrue(md.contains("- INVALID: org.iobench.bench.ThroughputBenchmark.echo impl=blocking connections=10000 depth=1 payloadBytes=64: 7 echo errors"), md);
        String html = Files.readString(run.resolve(HtmlReport.FILE));
        assertTrue(html.contains("<li>INVALID: org.iobench.bench.ThroughputBenchmark.echo impl=blocking connections=10000 depth=1"
                + " payloadBytes=64: 7 echo errors</li>"), "report.html lists them too");
        assertTrue(md.contains("INVALID (7 errors)"), md);
        assertTrue(md.contains("client-bound result(s)"), md);
        assertTrue(md.contains(" †"), md);
        assertTrue(md.contains("![Throughput, echoes/s](charts/throughput-payload64B-depth1.png)"), md);
        assertTrue(md.contains("## LatencyBenchmark.echo: payload 64 B, offered 20.0k echoes/s"), md);
    }

    @Test
    void fewRoundsSayHowOftenTheirIntervalCoversTheMedian() {
        assertEquals(" With 3 rounds the interval is [min, max] of the rounds, which covers the median 75.00% of the time, not 95%.",
                MarkdownSummary.coverageCaveat("3"));
        assertTrue(MarkdownSummary.coverageCaveat("5").contains("93.75%"));
        assertEquals("", MarkdownSummary.coverageCaveat("10"));
        assertEquals("", MarkdownSummary.coverageCaveat(""));
    }

    @Test
    void theVerdictRanksServersByCostAtTheFixedRateLowestFirst() throws IOException {
        Path run = fixture("run");
        assertEquals(0, plot(run.toString()), err.toString());
        List<String> md = Files.readAllLines(run.resolve(MarkdownSummary.FILE));
        assertTrue(md.indexOf("## Verdict") < md.indexOf("| environment | |"), "the verdict comes before the environment");
        int heading = md.indexOf(md.stream().filter(l -> l.startsWith("**Fixed rate, ") && l.contains(", 100 connections**"))
                .findFirst().orElseThrow(() -> new AssertionError(String.join("\n", md))));
        // the toy model gives the last implementation the most capacity, so the least CPU per echo
        List<String> rows = md.subList(heading + 4, heading + 4 + Fixtures.IMPLS.size());
        assertTrue(rows.get(0).startsWith("| ★ | " + Fixtures.IMPLS.getLast() + " |"), rows.toString());
        assertTrue(rows.getLast().contains("| " + Fixtures.IMPLS.getFirst() + " |"), rows.toString());
        assertEquals("100%", rows.get(0).split("\\|")[6].strip(), "the offered rate was delivered: " + rows.get(0));
    }

    @Test
    void actionBenchmarkFilesSplitByDirection() throws IOException {
        Path run = fixture("run");
        assertEquals(0, plot(run.toString()));
        JsonArray bigger = JsonParser.parseString(Files.readString(run.resolve(ActionBenchmarkExport.BIGGER_FILE))).getAsJsonArray();
        JsonArray smaller = JsonParser.parseString(Files.readString(run.resolve(ActionBenchmarkExport.SMALLER_FILE))).getAsJsonArray();
        int results = Fixtures.IMPLS.size() * Fixtures.CONNECTIONS.size() * (Fixtures.PAYLOADS.size() + 1);
        assertEquals(results, bigger.size());
        assertEquals(results * 5, smaller.size());
        for (JsonElement element : bigger) {
            JsonObject entry = element.getAsJsonObject();
            assertEquals("echoes/s", entry.get("unit").getAsString());
            assertTrue(entry.get("value").getAsJsonPrimitive().isNumber());
            assertTrue(entry.get("range").getAsString().startsWith("± "));
        }
        assertTrue(smaller.asList().stream().allMatch(e -> List.of("us", "us/echo", "KiB/conn")
                .contains(e.getAsJsonObject().get("unit").getAsString())));
        long distinctNames = smaller.asList().stream().map(e -> e.getAsJsonObject().get("name").getAsString()).distinct().count();
        assertEquals(smaller.size(), distinctNames, "names identify series in the action's history");
    }

    @Test
    void lastRunFileNamesTheRunFolder() throws IOException {
        Path run = fixture("run");
        Path lastRun = tmp.resolve("last-run.txt");
        Files.writeString(lastRun, run.toAbsolutePath() + "\n");
        assertEquals(0, plot("--last-run", lastRun.toString()), err.toString());
        assertTrue(Files.exists(run.resolve(MarkdownSummary.FILE)));
        assertEquals(CompareMain.UNUSABLE, plot("--last-run", tmp.resolve("missing.txt").toString()));
    }

    @Test
    void unusableInputExitsTwo() throws IOException {
        assertEquals(CompareMain.UNUSABLE, plot(tmp.resolve("nope").toString()));
        assertEquals(CompareMain.UNUSABLE, plot());
        Path run = fixture("run");
        Files.writeString(run.resolve(RunDir.JMH_JSON), "{\"not\": \"an array\"}");
        assertEquals(CompareMain.UNUSABLE, plot(run.toString()));
        assertTrue(err.toString().contains("not a JMH result file"), err.toString());
    }
}
