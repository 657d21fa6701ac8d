package org.iobench.results;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Capacity under a latency objective, the figure capacity planners ask for: per model, the highest
 * offered rate (open loop) the run stepped through whose p99 stayed within the objective while the
 * rate was delivered. Read from the fixed-rate benchmark wherever a run has several rates at the same
 * connections and payload (the {@code capacity} preset steps them up to past every model's knee).
 *
 * <p>Each rate is judged on its median p99 over rounds (from the merged histograms) and on delivery
 * (achieved ≥ {@value #DELIVERED} of offered). The step above the capacity is shown too: the objective is
 * crossed somewhere between the two, and the run cannot say where. A rate the driver could not deliver
 * although the server had CPU to spare ({@code client.bound}) ends the search with "≥": the model may
 * carry more than this client offered.
 */
final class CapacityTable {
    /** The objectives, in µs of p99: 1 ms, as users state them, and 10 ms for machines whose wake-ups alone exceed 1 ms. */
    static final List<Double> OBJECTIVES_MICROS = List.of(1_000.0, 10_000.0);
    static final double DELIVERED = 0.95;
    private static final String RATE = "rate";

    private CapacityTable() {
    }

    /** One model's capacity: the highest passing rate (NaN: none), the first failing one (NaN: none failed). */
    record Capacity(String impl, double rate, double p99AtRate, double nextRate, double p99AtNext, boolean clientBound) {
    }

    /**
     * The fixed-rate results that step the rate, by everything but impl and rate (connections, payload,
     * work): only groups with three rates or more, since one or two rates are a fixed-rate comparison, not a curve.
     */
    static Map<String, List<BenchResult>> steppedGroups(List<BenchResult> results) {
        Map<String, List<BenchResult>> groups = new TreeMap<>();
        for (BenchResult r : results) {
            if (!r.shortName().equals(Charts.LATENCY_BENCHMARK) || !r.params().containsKey(RATE) || !r.hasFigure()) continue;
            Map<String, String> rest = new TreeMap<>(r.params());
            rest.remove(BenchResult.IMPL);
            rest.remove(RATE);
            groups.computeIfAbsent(BenchResult.describeParams(rest), k -> new ArrayList<>()).add(r);
        }
        groups.values().removeIf(group -> group.stream().map(r -> r.params().get(RATE)).distinct().count() < 3);
        return groups;
    }

    static List<String> lines(RunDir run) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, List<BenchResult>> group : steppedGroups(run.results()).entrySet()) {
            for (double objective : OBJECTIVES_MICROS) table(group.getKey(), group.getValue(), objective, out);
        }
        if (!out.isEmpty()) {
            out.addFirst("");
            out.addFirst("## Capacity under a latency objective");
        }
        return out;
    }

    private static void table(String params, List<BenchResult> results, double objectiveMicros, List<String> out) {
        Map<String, List<BenchResult>> byImpl = new LinkedHashMap<>();
        results.forEach(r -> byImpl.computeIfAbsent(r.impl(), k -> new ArrayList<>()).add(r));
        List<Capacity> capacities = new ArrayList<>();
        byImpl.forEach((impl, steps) -> capacities.add(of(impl, steps, objectiveMicros)));
        capacities.sort(Comparator.comparingDouble((Capacity c) -> Double.isNaN(c.rate()) ? -1 : c.rate()).reversed());
        out.add(String.format(Locale.ROOT, "**Highest offered rate with p99 ≤ %s, %s** (open loop; a rate counts when its median"
                + " p99 over rounds is within the objective and ≥ %.0f%% of it was delivered; the objective is crossed between"
                + " it and the next step):", Numbers.compact(objectiveMicros / 1000) + " ms", params, 100 * DELIVERED));
        out.add("");
        out.add("| impl | capacity, echoes/s | p99 there, µs | next step | p99 there, µs |");
        out.add("|---|---:|---:|---:|---:|");
        for (Capacity c : capacities) {
            out.add("| " + c.impl() + " | " + (Double.isNaN(c.rate()) ? "below the lowest step" : (c.clientBound() ? "≥ " : "")
                    + Numbers.compact(c.rate())) + " | " + cell(c.p99AtRate()) + " | " + (Double.isNaN(c.nextRate()) ? "none failed"
                    : Numbers.compact(c.nextRate())) + " | " + cell(c.p99AtNext()) + " |");
        }
        out.add("");
    }

    static Capacity of(String impl, List<BenchResult> steps, double objectiveMicros) {
        List<BenchResult> byRate = steps.stream().sorted(Comparator.comparingDouble(CapacityTable::offered)).toList();
        double rate = Double.NaN;
        double p99AtRate = Double.NaN;
        for (BenchResult step : byRate) {
            double p99 = step.metric("latency.p99").map(Measure::score).orElse(Double.NaN);
            boolean delivered = step.metric(Metric.PRIMARY).map(m -> m.score() >= DELIVERED * offered(step)).orElse(false);
            if (!delivered && step.clientBound()) {
                return new Capacity(impl, rate, p99AtRate, Double.NaN, Double.NaN, true);
            }
            if (!delivered || !(p99 <= objectiveMicros)) {
                return new Capacity(impl, rate, p99AtRate, offered(step), p99, false);
            }
            rate = offered(step);
            p99AtRate = p99;
        }
        return new Capacity(impl, rate, p99AtRate, Double.NaN, Double.NaN, false);
    }

    static double offered(BenchResult r) {
        return Double.parseDouble(r.params().get(RATE));
    }

    private static String cell(double micros) {
        return Double.isNaN(micros) ? "–" : Numbers.compact(micros);
    }
}
