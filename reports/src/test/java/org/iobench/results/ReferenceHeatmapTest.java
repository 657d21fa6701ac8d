package org.iobench.results;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The heat map: each cell the paired per-round ratio to the reference, in percent, its interval and marks. */
class ReferenceHeatmapTest {
    @TempDir
    Path tmp;

    @Test
    void cellsArePairedRatiosToTheReferenceWithTheirIntervalAndMarks() throws Exception {
        // ÷ reference per round: nio-selector 0.99, 1.04, 0.97; netty-nio 0.80 in every round (no spread);
        // blocking 1.01, 0.60, 0.60 (an interval far wider than ±10%)
        Path run = VerdictTablesTest.writeFourModels(tmp.resolve("run"));
        RunDir loaded = RunDir.load(run);
        Panel panel = Panel.of(loaded.results(), Charts.THROUGHPUT_BENCHMARK).getFirst();
        ReferenceHeatmap.AnnotatedHeatMap chart = (ReferenceHeatmap.AnnotatedHeatMap) ReferenceHeatmap.draw(panel,
                "native-epoll-et", RoundFigures.read(run, Metric.PRIMARY)).orElseThrow();
        Map<String, ReferenceHeatmap.Cell> byImpl = new java.util.HashMap<>();
        List<?> rows = chart.getHeatMapSeries().getYData();
        chart.cells().forEach(cell -> byImpl.put((String) rows.get(cell.row()), cell));
        assertEquals("99%", byImpl.get("nio-selector").figure());
        assertEquals("[97, 104]", byImpl.get("nio-selector").interval());
        assertEquals("80%", byImpl.get("netty-nio").figure());
        assertEquals("[80, 80]", byImpl.get("netty-nio").interval());
        assertEquals("60% ‡", byImpl.get("blocking").figure(), "a wide interval is marked as in summary.md");
        assertEquals("100%", byImpl.get("native-epoll-et").figure());
        assertEquals("reference", byImpl.get("native-epoll-et").interval());
        // the catalogue's first implementation is the top row: XChart counts rows from the bottom
        assertEquals(List.of("native-epoll-et", "netty-nio", "nio-selector", "blocking"), rows);
        assertArrayEquals(new Color[] {new Color(0xe3, 0x6b, 0x5a), Color.WHITE, new Color(0x5b, 0x9b, 0xd5)},
                chart.getStyler().getRangeColors(), "higher echoes/s is better: blue at the top of the scale");
        Path png = ChartFiles.write(chart, tmp.resolve("charts"), "heatmap");
        assertTrue(Files.size(png) > 0);
    }

    @Test
    void theFixedRatePanelIsCpuPerEchoWhereLowerIsBetter() throws Exception {
        Path run = Fixtures.writeRun(tmp.resolve("full"), "standard", 0.03, Fixtures.NONE, UnaryOperator.identity());
        List<Charts.NamedChart> charts = Charts.build(List.of(RunDir.load(run)));
        ReferenceHeatmap.AnnotatedHeatMap fixedRate = (ReferenceHeatmap.AnnotatedHeatMap) charts.stream()
                .filter(c -> c.stem().equals("heatmap-payload64B-rate" + Fixtures.LATENCY_RATE)).findFirst().orElseThrow().chart();
        assertTrue(fixedRate.getTitle().startsWith("server CPU per echo as % of native-epoll-et"), fixedRate.getTitle());
        assertEquals(new Color(0x5b, 0x9b, 0xd5), fixedRate.getStyler().getRangeColors()[0], "lower CPU is better: blue at the bottom");
        assertEquals(Fixtures.CONNECTIONS.size(), fixedRate.getHeatMapSeries().getXData().size());
        assertEquals(Fixtures.IMPLS.size() * Fixtures.CONNECTIONS.size(), fixedRate.cells().size());
        assertTrue(charts.stream().anyMatch(c -> c.stem().equals("heatmap-payload1024B-depth1")), "one per closed-loop panel too");
    }
}
