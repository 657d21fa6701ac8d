package org.iobench.results;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/** What the charts draw: exact intervals, marks, ranked single-x panels, paired ratios, the spectrum's axis. */
class ChartsTest {

    @TempDir
    Path tmp;

    private static ChartPoint point(String impl, double x, double low, double value, double high) {
        return new ChartPoint(impl, x, value, low, high, false, false);
    }

    private static XYSeries hidden(XYChart chart, String what) {
        return chart.getSeriesMap().get(PointMarks.hiddenName(what));
    }

    @Test
    void intervalSeriesSpanExactlyLowToHighAgainstConnections() {
        // asymmetric, as a median with an order-statistic interval is
        ChartLine line = new ChartLine("virtual", "virtual", 0, List.of(point("virtual", 100, 80.5, 100, 131.25)));
        for (ChartFiles.Scale scale : ChartFiles.Scale.values()) {
            XYChart chart = ConnectionsChart.draw("t", "y", scale, List.of(line), Optional.empty()).orElseThrow();
            XYSeries interval = hidden(chart, "virtual interval 0");
            assertArrayEquals(new double[] {80.5, 131.25}, interval.getYData(), scale.name());
            double x = ConnectionsChart.dodged(100, 0, 1);
            assertArrayEquals(new double[] {x, x}, interval.getXData());
            assertFalse(interval.isShowInLegend());
        }
    }

    @Test
    void intervalSeriesSpanExactlyLowToHighInARankedChart() {
        List<ChartPoint> points = List.of(point("blocking", 1, 10, 20, 45), point("virtual", 1, 30, 31, 33));
        XYChart chart = RankedChart.draw("t", "v", ChartFiles.Scale.LOG, points, Metric.Direction.BIGGER_IS_BETTER,
                Optional.empty()).orElseThrow();
        assertArrayEquals(new double[] {10, 45}, hidden(chart, "blocking interval").getXData());
        assertArrayEquals(new double[] {30, 33}, hidden(chart, "virtual interval").getXData());
    }

    @Test
    void anIntervalReachingZeroIsLeftOutOnALogAxisNotClipped() {
        ChartLine line = new ChartLine("virtual", "virtual", 0, List.of(point("virtual", 10, -5, 100, 300)));
        XYChart log = ConnectionsChart.draw("t", "y", ChartFiles.Scale.LOG, List.of(line), Optional.empty()).orElseThrow();
        assertEquals(null, hidden(log, "virtual interval 0"), "no made-up lower bound");
        XYChart linear = ConnectionsChart.draw("t", "y", ChartFiles.Scale.LINEAR, List.of(line), Optional.empty()).orElseThrow();
        assertArrayEquals(new double[] {-5, 300}, hidden(linear, "virtual interval 0").getYData());
    }

    @Test
    void noisyAndClientBoundPointsAreMarkedWithLegendNotes() {
        ChartPoint clean = point("virtual", 1, 99, 100, 101);
        ChartPoint noisy = new ChartPoint("virtual", 10, 200, 150, 260, true, false);
        ChartPoint bound = new ChartPoint("virtual", 100, 300, 290, 310, false, true);
        XYChart chart = ConnectionsChart.draw("t", "y", ChartFiles.Scale.LINEAR_FROM_ZERO,
                List.of(new ChartLine("virtual", "virtual", 0, List.of(clean, noisy, bound))), Optional.empty()).orElseThrow();
        XYSeries hollow = hidden(chart, "virtual noisy");
        assertArrayEquals(new double[] {200}, hollow.getYData());
        assertInstanceOf(HollowMarker.class, hollow.getMarker());
        assertArrayEquals(new double[] {300}, hidden(chart, "virtual client-bound").getYData());
        assertTrue(chart.getSeriesMap().containsKey(PointMarks.NOISY_NOTE));
        assertTrue(chart.getSeriesMap().containsKey(PointMarks.CLIENT_BOUND_NOTE));

        XYChart quiet = ConnectionsChart.draw("t", "y", ChartFiles.Scale.LINEAR_FROM_ZERO,
                List.of(new ChartLine("virtual", "virtual", 0, List.of(clean))), Optional.empty()).orElseThrow();
        assertFalse(quiet.getSeriesMap().containsKey(PointMarks.NOISY_NOTE), "notes only for marks shown");
    }

    @Test
    void aPointIsNoisyWhenItsIntervalIsWideOrAnIterationWasDisturbed() {
        Measure errors = new Measure(0, Double.NaN, Double.NaN, Double.NaN, "errors");
        BenchResult tight = result(Map.of(Metric.PRIMARY, new Measure(100, 5, 95, 105, "ops/s"), "errors", errors));
        BenchResult wide = result(Map.of(Metric.PRIMARY, new Measure(100, 10, 85, 105, "ops/s"), "errors", errors));
        BenchResult disturbed = result(Map.of(Metric.PRIMARY, new Measure(100, 5, 95, 105, "ops/s"), "errors", errors,
                ChartPoint.DISTURBED_METRIC, new Measure(0.05, Double.NaN, Double.NaN, Double.NaN, "share")));
        assertFalse(ChartPoint.of(tight, Metric.PRIMARY, 1).orElseThrow().noisy());
        assertTrue(ChartPoint.of(wide, Metric.PRIMARY, 1).orElseThrow().noisy(), "15% below the median");
        assertTrue(ChartPoint.of(disturbed, Metric.PRIMARY, 1).orElseThrow().noisy());
    }

    private static BenchResult result(Map<String, Measure> metrics) {
        return new BenchResult("org.iobench.bench.ThroughputBenchmark.echo", "thrpt",
                Map.of("impl", "virtual", "connections", "100"), metrics, 3, 0);
    }

    @Test
    void aSingleConnectionCountIsARankedChartBestFirst() throws Exception {
        Path run = Fixtures.writeRun(tmp.resolve("run"), "quick", 0.03, Fixtures.NONE, onlyConnections("100"));
        List<Charts.NamedChart> charts = Charts.build(List.of(RunDir.load(run)));
        XYChart throughput = (XYChart) charts.stream().filter(c -> c.stem().equals("throughput-payload64B-depth1"))
                .findFirst().orElseThrow().chart();
        int impls = Fixtures.IMPLS.size();
        // the fixture's model gives the last implementation the most capacity: it is on the top row
        double[] rows = Fixtures.IMPLS.stream().mapToDouble(i -> throughput.getSeriesMap().get(i).getYData()[0]).toArray();
        assertEquals(impls - 1, rows[impls - 1], 0);
        assertEquals(0, rows[0], 0);
        double[] medians = IntStream.range(0, impls).mapToObj(r -> Fixtures.IMPLS.get(r))
                .sorted((a, b) -> Double.compare(throughput.getSeriesMap().get(b).getYData()[0],
                        throughput.getSeriesMap().get(a).getYData()[0]))
                .mapToDouble(i -> throughput.getSeriesMap().get(i).getXData()[0]).toArray();
        for (int rank = 1; rank < impls; rank++) {
            assertTrue(medians[rank - 1] >= medians[rank], "sorted best first: " + java.util.Arrays.toString(medians));
        }
        XYSeries bar = hidden(throughput, Fixtures.IMPLS.getLast() + " bar");
        assertArrayEquals(new double[] {0, medians[0]}, bar.getXData(), "a bar from 0 to the median");
    }

    private static UnaryOperator<JsonArray> onlyConnections(String connections) {
        return array -> {
            JsonArray kept = new JsonArray();
            array.forEach(e -> {
                if (e.getAsJsonObject().getAsJsonObject("params").get("connections").getAsString().equals(connections)) {
                    kept.add(e);
                }
            });
            return kept;
        };
    }

    @Test
    void rankedChartsRenderForOneTwoAndManyImplementations() throws Exception {
        // XChart loops forever on tick labels that repeat; the ranked chart's axis must never make it
        for (int count : new int[] {1, 2, 12}) {
            List<ChartPoint> points = Fixtures.IMPLS.subList(0, count).stream()
                    .map(impl -> new ChartPoint(impl, 100, 1000 + impl.length(), 900, 1200, impl.length() % 2 == 0, false))
                    .toList();
            for (ChartFiles.Scale scale : ChartFiles.Scale.values()) {
                XYChart chart = RankedChart.draw("t", "v", scale, points, Metric.Direction.SMALLER_IS_BETTER,
                        Optional.of(1000.0)).orElseThrow();
                Path png = assertTimeoutPreemptively(Duration.ofSeconds(20),
                        () -> ChartFiles.write(chart, tmp, "ranked-" + count + "-" + scale));
                assertTrue(Files.size(png) > 5_000, png + " is nearly empty");
            }
        }
    }

    @Test
    void theEtLtAndNetty41And42PairsDifferInMarkerAndColour() {
        List<List<String>> pairs = List.of(List.of("netty-epoll-et", "netty-epoll-lt"),
                List.of("native-epoll-et", "native-epoll-lt"), List.of("netty-epoll-et", "netty42-epoll"),
                List.of("netty-epoll-lt", "netty42-epoll"), List.of("netty-nio", "netty42-epoll"),
                List.of("netty42-io-uring", "native-io-uring"));
        for (List<String> pair : pairs) {
            assertNotEquals(ImplPalette.marker(pair.get(0)).getClass(), ImplPalette.marker(pair.get(1)).getClass(), pair.toString());
            assertNotEquals(ImplPalette.colour(pair.get(0)), ImplPalette.colour(pair.get(1)), pair.toString());
        }
    }

    @Test
    void pairedRatiosAreFormedPerRoundSoASlowRoundCancels() {
        BenchResult head = throughput("virtual");
        BenchResult reference = throughput("native-epoll-et");
        // round 2 ran while the machine was slow: both sides halved; the ratio is 0.5 in every round
        RoundFigures rounds = RoundFigures.of(Map.of(
                head.key(), Map.of(1, 100.0, 2, 50.5, 3, 100.0),
                reference.key(), Map.of(2, 101.0, 1, 200.0, 3, 200.0)));
        ChartPoint ratio = ReferenceRatios.paired(head, reference, rounds, 100).orElseThrow();
        assertEquals(0.5, ratio.value(), 1e-12);
        assertEquals(0.5, ratio.low(), 1e-12);
        assertEquals(0.5, ratio.high(), 1e-12);
        assertFalse(ratio.noisy(), "paired, the slow round does not widen the interval");

        RoundFigures oneRound = RoundFigures.of(Map.of(head.key(), Map.of(1, 100.0), reference.key(), Map.of(1, 200.0)));
        assertTrue(ReferenceRatios.paired(head, reference, oneRound, 100).isEmpty(), "one round: unpaired");
    }

    private static BenchResult throughput(String impl) {
        return new BenchResult("org.iobench.bench.ThroughputBenchmark.echo", "thrpt",
                Map.of("impl", impl, "connections", "100"), Map.of(Metric.PRIMARY, new Measure(1, 0, 1, 1, "ops/s"),
                "errors", new Measure(0, Double.NaN, Double.NaN, Double.NaN, "errors")), 3, 0);
    }

    @Test
    void theSpectrumsXPositionsAreOneOverOneMinusP() {
        Histogram histogram = new Histogram(3);
        for (long micros = 1; micros <= 100_000; micros++) {
            histogram.recordValue(micros * 1_000); // ns, as iobench records
        }
        double[][] spectrum = PercentileSpectrumChart.spectrum(histogram);
        double[] x = spectrum[0];
        assertEquals(0, x[0], 0);
        assertEquals(PercentileSpectrumChart.MAX_DECADES, x[x.length - 1], 1e-9, "10^5 values reach 99.999%");
        for (int i = 0; i < x.length; i++) {
            double p = PercentileSpectrumChart.percentileAt(x[i]);
            assertEquals(1 / (1 - p), Math.pow(10, x[i]), 1e-9 * Math.pow(10, x[i]), "a log axis of 1/(1-p)");
            assertEquals(histogram.getValueAtPercentile(100 * p) / 1000.0, spectrum[1][i], 0, "µs at p");
        }
        assertEquals(1, PercentileSpectrumChart.position(0.9), 1e-12);
        assertEquals(3, PercentileSpectrumChart.position(0.999), 1e-9);
        assertEquals("50%", PercentileSpectrumChart.label(PercentileSpectrumChart.position(0.5)));
        assertEquals("90%", PercentileSpectrumChart.label(1));
        assertEquals("99%", PercentileSpectrumChart.label(2));
        assertEquals("99.9%", PercentileSpectrumChart.label(3));
        assertEquals("99.99%", PercentileSpectrumChart.label(4));
    }

    @Test
    void echoesPerSecondAreDrawnAgainstCpuPerEchoAndAgainstMemoryPerConnection() throws Exception {
        Path run = Fixtures.writeRun(tmp.resolve("run"), "quick", 0.03, Fixtures.NONE, onlyConnections("100"));
        List<String> stems = Charts.build(List.of(RunDir.load(run))).stream().map(Charts.NamedChart::stem).toList();
        assertTrue(stems.contains("pareto-payload64B-depth1-connections100"), stems.toString());
        assertTrue(stems.contains("pareto-memory-payload64B-depth1-connections100"), stems.toString());
        XYChart memory = (XYChart) Charts.build(List.of(RunDir.load(run))).stream()
                .filter(c -> c.stem().equals("pareto-memory-payload64B-depth1-connections100")).findFirst().orElseThrow().chart();
        assertTrue(memory.getStyler().isXAxisLogarithmic(), "memory per connection spans orders of magnitude");
    }

    @Test
    void theParetoFrontHoldsTheModelsNoOtherBeatsOnBothCpuAndRate() {
        ChartPoint cheapSlow = new ChartPoint("a", 4.0, 100, 100, 100, false, false);
        ChartPoint dearFast = new ChartPoint("b", 6.0, 200, 200, 200, false, false);
        ChartPoint dominated = new ChartPoint("c", 6.5, 150, 150, 150, false, false);   // dearer and slower than b
        ChartPoint middle = new ChartPoint("d", 5.0, 150, 150, 150, false, false);
        assertEquals(List.of(cheapSlow, middle, dearFast), ParetoChart.front(List.of(dominated, dearFast, middle, cheapSlow)));
    }
}
