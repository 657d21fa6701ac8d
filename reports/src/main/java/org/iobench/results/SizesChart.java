package org.iobench.results;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.knowm.xchart.XYChart;

/**
 * MB/s against message size (log x), one line per implementation, for each connection count and
 * depth a closed-loop run measured at three sizes or more (the {@code workloads} preset: 64 B to
 * 64 KiB): where the per-echo cost gives way to copying bytes, and which model keeps up.
 */
final class SizesChart {
    static final String STEM = "mb-per-s-by-size";
    private static final String MB_PER_S = "mb.per.s";
    private static final String PAYLOAD = "payloadBytes";

    private SizesChart() {
    }

    /**
     * A chart per combination of every other parameter (connections, depth, and work or pool size where
     * a run varied them) with at least three message sizes; file stem → chart. Results that differ in
     * anything but the size never share a line: a 1 KiB echo with 1 ms of blocking work is not a point
     * on the plain echo's curve.
     */
    static Map<String, XYChart> draw(List<BenchResult> results) {
        Map<String, List<BenchResult>> groups = new TreeMap<>();
        for (BenchResult r : results) {
            if (!r.shortName().equals(Charts.THROUGHPUT_BENCHMARK) || !r.params().containsKey(PAYLOAD)) continue;
            Map<String, String> others = new TreeMap<>(r.params());
            others.keySet().removeAll(List.of(BenchResult.IMPL, PAYLOAD, Panel.CONNECTIONS, "depth"));
            String extra = others.entrySet().stream().map(e -> "-" + e.getKey() + e.getValue()).collect(Collectors.joining())
                    .replaceAll("[^A-Za-z0-9._-]", "_");
            groups.computeIfAbsent("connections" + r.params().get(Panel.CONNECTIONS) + "-depth" + r.params().getOrDefault("depth", "1")
                    + extra, k -> new ArrayList<>()).add(r);
        }
        Map<String, XYChart> charts = new TreeMap<>();
        groups.forEach((slug, group) -> {
            if (group.stream().map(r -> r.params().get(PAYLOAD)).distinct().count() < 3) return;
            Map<String, List<ChartPoint>> byImpl = new TreeMap<>(ImplPalette.ORDER);
            for (BenchResult r : group) {
                ChartPoint.of(r, MB_PER_S, r.longParam(PAYLOAD)).ifPresent(p -> byImpl.computeIfAbsent(r.impl(), k -> new ArrayList<>()).add(p));
            }
            List<ChartLine> lines = new ArrayList<>();
            byImpl.forEach((impl, points) -> lines.add(new ChartLine(impl, impl, 0,
                    points.stream().sorted(java.util.Comparator.comparingDouble(ChartPoint::x)).toList())));
            BenchResult any = group.getFirst();
            String title = "MB/s by message size: " + any.params().get(Panel.CONNECTIONS) + " connections, depth "
                    + any.params().getOrDefault("depth", "1") + " (closed loop)";
            Optional<XYChart> chart = ConnectionsChart.draw(title, "message size, bytes (log scale)", "MB/s echoed (log scale)",
                    ChartFiles.Scale.LOG, lines, Optional.empty());
            chart.ifPresent(c -> charts.put(STEM + "-" + slug, c));
        });
        return charts;
    }
}
