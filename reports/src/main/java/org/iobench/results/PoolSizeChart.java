package org.iobench.results;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.knowm.xchart.XYChart;

/**
 * Echoes/s against the event loops' offload pool size (log x), one line per event loop, for each
 * workload a run measured at three pool sizes or more (the {@code workloads} preset: 16, the default 64
 * and 256 threads under a 1 ms blocking call): the pool size decides which model wins, so the chart
 * shows the whole curve rather than one point of it. A model with no pool to size (a thread per
 * connection, platform or virtual) is drawn flat across the range at its one figure: the line the
 * event loops must cross. The classic mistake, pool size 0 (the loop blocks itself), cannot sit on a
 * log axis; summary.md has its own table.
 */
final class PoolSizeChart {
    static final String STEM = "echoes-by-pool-size";

    private PoolSizeChart() {
    }

    /**
     * @param results     a run's results
     * @param defaultPool the pool size of results that did not sweep it (the run's {@code offload.threads},
     *                    else the servers' default)
     * @return file stem → chart, one per workload (connections, size, depth, work) with three pool sizes or more
     */
    static Map<String, XYChart> draw(List<BenchResult> results, int defaultPool) {
        Map<String, List<BenchResult>> groups = new TreeMap<>();
        for (BenchResult r : results) {
            if (!r.shortName().equals(Charts.THROUGHPUT_BENCHMARK) || !r.params().containsKey(BenchResult.WORK)) continue;
            String slug = ("connections" + r.params().get(Panel.CONNECTIONS) + "-payload" + r.params().get("payloadBytes")
                    + "-depth" + r.params().getOrDefault("depth", "1") + "-work" + r.params().get(BenchResult.WORK))
                    .replaceAll("[^A-Za-z0-9._-]", "_");
            groups.computeIfAbsent(slug, k -> new ArrayList<>()).add(r);
        }
        Map<String, XYChart> charts = new TreeMap<>();
        groups.forEach((slug, group) -> drawGroup(group, defaultPool).ifPresent(chart -> charts.put(STEM + "-" + slug, chart)));
        return charts;
    }

    private static Optional<XYChart> drawGroup(List<BenchResult> group, int defaultPool) {
        // a model with a pool is one some result sized explicitly; the others have none to size
        List<String> pooled = group.stream().filter(r -> r.params().containsKey(BenchResult.OFFLOAD_THREADS))
                .map(BenchResult::impl).distinct().toList();
        Map<String, List<ChartPoint>> byImpl = new TreeMap<>(ImplPalette.ORDER);
        Map<String, BenchResult> unpooled = new TreeMap<>(ImplPalette.ORDER);
        for (BenchResult r : group) {
            if (!pooled.contains(r.impl())) {
                unpooled.put(r.impl(), r);
                continue;
            }
            long pool = r.params().containsKey(BenchResult.OFFLOAD_THREADS) ? r.longParam(BenchResult.OFFLOAD_THREADS) : defaultPool;
            if (pool <= 0) continue;
            ChartPoint.of(r, Metric.PRIMARY, pool).ifPresent(p -> byImpl.computeIfAbsent(r.impl(), k -> new ArrayList<>()).add(p));
        }
        List<Double> sizes = byImpl.values().stream().flatMap(List::stream).map(ChartPoint::x).distinct().sorted().toList();
        if (sizes.size() < 3) return Optional.empty();
        List<ChartLine> lines = new ArrayList<>();
        byImpl.forEach((impl, points) -> lines.add(new ChartLine(impl, impl, 0,
                points.stream().sorted(Comparator.comparingDouble(ChartPoint::x)).toList())));
        double first = sizes.getFirst();
        double last = sizes.getLast();
        unpooled.forEach((impl, r) -> ChartPoint.of(r, Metric.PRIMARY, first).ifPresent(p -> lines.add(new ChartLine(
                impl + " (no pool)", impl, 0, List.of(p, new ChartPoint(p.impl(), last, p.value(), p.low(), p.high(), p.noisy(),
                        p.clientBound()))))));
        BenchResult any = group.getFirst();
        String title = "Echoes/s by offload pool: " + any.params().get(Panel.CONNECTIONS) + " connections, "
                + any.params().get("payloadBytes") + " B, " + any.params().get(BenchResult.WORK);
        return ConnectionsChart.draw(title, "offload pool threads (log scale)", "echoes/s", ChartFiles.Scale.LINEAR_FROM_ZERO,
                lines, Optional.empty());
    }
}
