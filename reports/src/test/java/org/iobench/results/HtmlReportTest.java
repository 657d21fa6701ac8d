package org.iobench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** report.html's content: the verdict as summary.md has it, the data of its charts, its links and the shared library. */
class HtmlReportTest {
    private static final Pattern DATA = Pattern.compile("<script type=\"application/json\" id=\"report-data\">(.*?)</script>",
            Pattern.DOTALL);

    @TempDir
    Path tmp;

    @Test
    void theVerdictIsSummaryMdsWithTheSameStars() throws Exception {
        String page = HtmlReport.page(RunDir.load(VerdictTablesTest.writeFourModels(tmp.resolve("results/run"))), tmp);
        // the rows VerdictTablesTest expects of summary.md, as HTML
        for (String row : List.of(
                "<h3>Closed loop, payload 64 B, depth 1, 100 connections</h3>",
                "<tr class=\"best\"><td>★</td><td>native-epoll-et</td><td>100</td><td>1</td><td>100%</td>",
                "<tr class=\"best\"><td>★</td><td>nio-selector</td><td>97.0</td><td>0.99 [0.97, 1.04]</td>",
                "<tr><td></td><td>netty-nio</td><td>80.0</td><td>0.80 [0.80, 0.80]</td>",
                "<tr class=\"best\"><td>★</td><td>blocking</td><td>60.0</td><td>0.60 [0.60, 1.01]</td>")) {
            assertTrue(page.contains(row), row + " in\n" + page);
        }
    }

    @Test
    void chartsEnvironmentAndFlameGraphsAreInThePage() throws Exception {
        Path run = Fixtures.writeRun(tmp.resolve("results/run"), "standard", 0.03, Fixtures.NONE, UnaryOperator.identity());
        Path flame = run.resolve(HtmlReport.PROFILES_DIR + "/r01-t003/netty-nio<cpu>.html");
        Files.createDirectories(flame.getParent());
        Files.writeString(flame, "<html></html>");
        Files.writeString(run.resolve(HtmlReport.PROFILES_DIR + "/notes.txt"), "not a flame graph");
        assertEquals(0, PlotMain.run(new String[] {run.toString()}, new java.io.PrintStream(java.io.OutputStream.nullOutputStream()),
                new java.io.PrintStream(java.io.OutputStream.nullOutputStream())));
        String page = Files.readString(run.resolve(HtmlReport.FILE), StandardCharsets.UTF_8);

        Matcher data = DATA.matcher(page);
        assertTrue(data.find(), "the charts' data is embedded");
        assertFalse(data.group(1).contains("<"), "no markup inside the script element: Gson escapes it");
        JsonArray specs = JsonParser.parseString(data.group(1)).getAsJsonArray();
        // per closed-loop panel: throughput, its ratio, CPU, memory; the fixed-rate panel: CPU, p50, p99, p99.9
        assertEquals(2 * 4 + 4, specs.size(), specs.toString());
        var throughput = specs.get(0).getAsJsonObject();
        assertFalse(throughput.get("bars").getAsBoolean(), "several connection counts: lines against connections");
        assertEquals(Fixtures.IMPLS.size(), throughput.getAsJsonArray("series").size());
        JsonArray points = throughput.getAsJsonArray("series").get(0).getAsJsonObject().getAsJsonArray("points");
        assertEquals(Fixtures.CONNECTIONS, points.asList().stream().map(p -> p.getAsJsonObject().get("x").getAsInt()).toList());
        var point = points.get(0).getAsJsonObject();
        assertTrue(point.get("low").getAsDouble() < point.get("value").getAsDouble()
                && point.get("value").getAsDouble() < point.get("high").getAsDouble(), "every point carries its interval: " + point);

        assertTrue(page.contains("<script src=\"../assets/echarts-5.3.1.min.js\"></script>"), "the shared library, relative");
        assertTrue(page.contains("src=\"charts/heatmap-payload64B-depth1.png\""), "the heat maps");
        assertTrue(page.contains("<a href=\"profiles/r01-t003/netty-nio&lt;cpu&gt;.html\">"), "flame graphs linked, escaped");
        assertFalse(page.contains("notes.txt"), "only flame graphs (*.html) are listed");
        assertTrue(page.contains("<tr><th>CPU</th><td>Synthetic CPU @ 3.0GHz (2 cores)</td></tr>"), "the environment");
    }

    @Test
    void anUnwritableLibraryPlaceIsAOneLineErrorNamingIt() throws Exception {
        Path run = VerdictTablesTest.writeFourModels(tmp.resolve("results/run"));
        Files.writeString(tmp.resolve("results/assets"), "a file where the assets folder belongs");
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        assertEquals(CompareMain.UNUSABLE, PlotMain.run(new String[] {run.toString()},
                new java.io.PrintStream(java.io.OutputStream.nullOutputStream()), new java.io.PrintStream(err, true, StandardCharsets.UTF_8)));
        String message = err.toString(StandardCharsets.UTF_8);
        assertTrue(message.startsWith("iobench plot: cannot write results: report.html needs " + tmp.resolve("results/assets")
                .resolve(ChartLibrary.FILE)), message);
        assertEquals(1, message.strip().lines().count(), message);
    }

    @Test
    void runFoldersSideBySideShareOneCopyOfTheLibrary() throws Exception {
        Path first = Fixtures.writeRun(tmp.resolve("results/a"), "quick", 0.03, Fixtures.NONE, UnaryOperator.identity());
        Path second = Fixtures.writeRun(tmp.resolve("results/b"), "quick", 0.03, Fixtures.NONE, UnaryOperator.identity());
        Path library = HtmlReport.write(RunDir.load(first), first.resolve(Charts.DIR)).resolveSibling(ChartLibrary.FROM_RUN).normalize();
        assertEquals(tmp.resolve("results/assets/echarts-5.3.1.min.js"), library);
        assertTrue(Files.size(library) > 500_000, "the minified ECharts build");
        Files.writeString(library, "// kept");
        HtmlReport.write(RunDir.load(second), second.resolve(Charts.DIR));
        assertEquals("// kept", Files.readString(library), "an existing copy is not rewritten");
        try (var assets = Files.list(library.getParent())) {
            assertEquals(List.of("echarts-5.3.1.LICENSE", "echarts-5.3.1.min.js"),
                    assets.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }
}
