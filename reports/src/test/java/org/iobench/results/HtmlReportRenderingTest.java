package org.iobench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * report.html in a real browser: every chart draws, with data, and no script fails. Skipped where no
 * Chromium is installed (.ci/run installs Debian's chromium, so CI runs it).
 */
class HtmlReportRenderingTest {
    private static Path browser;

    @TempDir
    Path tmp;

    @BeforeAll
    static void findBrowser() {
        Optional<Path> found = HeadlessChromium.find();
        assumeTrue(found.isPresent(), "no chromium on PATH (Debian: apt-get install chromium): report.html is not rendered");
        browser = found.get();
    }

    private Path report() throws Exception {
        Path run = Fixtures.writeRun(tmp.resolve("results/run"), "standard", 0.03, Fixtures.NONE, UnaryOperator.identity());
        return HtmlReport.write(RunDir.load(run), run.resolve(Charts.DIR));
    }

    @Test
    void everyChartDrawsWithDataAndNoScriptFails() throws Exception {
        HeadlessChromium.Rendering page = HeadlessChromium.render(browser, report(), Files.createDirectories(tmp.resolve("browser")));
        assertEquals("", page.attribute("data-error"), "a script error");
        assertTrue(page.consoleErrors().isEmpty(), page.consoleErrors().toString());
        int charts = Integer.parseInt(page.attribute("data-charts"));
        assertTrue(charts > 0, page.body().toString());
        assertEquals(charts, Integer.parseInt(page.attribute("data-rendered")), "charts drawn with data");
        assertTrue(page.svgCount() >= charts, "one SVG drawing per chart: " + page.svgCount());
    }

    @Test
    void anEmptyChartIsNotCountedAsDrawn() throws Exception {
        Path report = report();
        String page = Files.readString(report, StandardCharsets.UTF_8);
        // the first chart loses its series: drawn axes, no data
        Files.writeString(report, page.replaceFirst("\"series\":\\[\\{", "\"series\":[],\"dropped\":[{"), StandardCharsets.UTF_8);
        HeadlessChromium.Rendering rendered = HeadlessChromium.render(browser, report, Files.createDirectories(tmp.resolve("browser")));
        assertEquals("", rendered.attribute("data-error"));
        assertNotEquals(rendered.attribute("data-charts"), rendered.attribute("data-rendered"));
    }

    @Test
    void aMissingLibraryIsAScriptError() throws Exception {
        Path report = report();
        Files.delete(report.resolveSibling(ChartLibrary.FROM_RUN).normalize());
        HeadlessChromium.Rendering rendered = HeadlessChromium.render(browser, report, Files.createDirectories(tmp.resolve("browser")));
        assertFalse(rendered.attribute("data-error").isEmpty(), rendered.body().toString());
        assertEquals("0", rendered.attribute("data-rendered"));
    }
}
