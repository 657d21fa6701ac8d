package org.iobench.results;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.knowm.xchart.XYChart;

/**
 * The curve behind {@link CapacityTable}: open-loop p99 against the offered rate, one line per model, with
 * the 1 ms objective drawn across, so a capacity planner sees each model's knee and how sharp it is
 * rather than one number. Drawn for every group of fixed-rate results that steps the rate (three rates or
 * more: the {@code capacity} preset). A step the model did not deliver (below {@value CapacityTable#DELIVERED}
 * of the offered rate) is left off the line: its p99 describes a queue that kept growing, not a rate the
 * model carried; the table names where each line ends and why.
 */
final class CapacityChart {
    static final String STEM = "capacity-p99-by-rate";

    private CapacityChart() {
    }

    /** One chart per stepped group (connections, payload, work); file stem → chart. */
    static Map<String, XYChart> draw(List<BenchResult> results) {
        Map<String, XYChart> charts = new TreeMap<>();
        CapacityTable.steppedGroups(results).forEach((params, group) -> {
            Map<String, List<ChartPoint>> byImpl = new TreeMap<>(ImplPalette.ORDER);
            for (BenchResult r : group) {
                boolean delivered = r.metric(Metric.PRIMARY)
                        .map(m -> m.score() >= CapacityTable.DELIVERED * CapacityTable.offered(r)).orElse(false);
                if (!delivered) continue;
                ChartPoint.of(r, "latency.p99", CapacityTable.offered(r))
                        .ifPresent(p -> byImpl.computeIfAbsent(r.impl(), k -> new ArrayList<>()).add(p));
            }
            List<ChartLine> lines = new ArrayList<>();
            byImpl.forEach((impl, points) -> lines.add(new ChartLine(impl, impl, 0,
                    points.stream().sorted(Comparator.comparingDouble(ChartPoint::x)).toList())));
            String title = "p99 by offered rate: " + params + " (open loop; the line at 1 ms is the objective)";
            Optional<XYChart> chart = ConnectionsChart.draw(title, "offered echoes/s (log scale)", "p99 latency, µs, log scale (lower is better)",
                    ChartFiles.Scale.LOG, lines, Optional.of(CapacityTable.OBJECTIVES_MICROS.getFirst()));
            chart.ifPresent(c -> charts.put(STEM + "-" + slug(params), c));
        });
        return charts;
    }

    /** "connections=100 payloadBytes=64" → "connections100-payloadBytes64": a file name without spaces or '='. */
    static String slug(String params) {
        return params.strip().replace("=", "").replace(':', '_').replaceAll("\\s+", "-");
    }
}
