package org.iobench.results;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.iobench.bench.stats.FigureInterval;

/**
 * Throughput (the primary metric; or another figure, e.g. CPU per echo at a fixed rate) as a ratio to
 * the run's reference implementation ({@code reference.impl} in env.properties),
 * so that the top of the field, a few percent apart, is legible.
 *
 * <p>Paired where the rounds are in jmh.json: each round visited every implementation once, so in round
 * r the ratio is median(impl's iterations in r) / median(reference's iterations in r), and whatever slowed
 * the machine during round r slowed both sides alike and cancels. The per-round ratios are then summarised
 * like every other figure of the run: their median with the interval {@link FigureInterval} gives for that
 * number of rounds (distribution-free order statistics below 10 rounds, the bootstrap above).
 * Where fewer than {@value #MIN_PAIRED_ROUNDS} rounds pair up (runs before results.format 2: one fork), the
 * ratio is unpaired: the two medians divided, with the widest interval their two intervals allow
 * ({@link Measure#dividedBy}), and the chart says so.
 */
final class ReferenceRatios {

    static final String REFERENCE_KEY = "reference.impl";
    static final String DEFAULT_REFERENCE = "native-epoll-et";
    static final int MIN_PAIRED_ROUNDS = 2;

    /** The ratios of a panel, one line per implementation, and whether every point was paired. */
    record Ratios(String reference, List<ChartLine> lines, boolean allPaired, boolean nonePaired) {
        String pairing() {
            return allPaired ? "paired per round" : nonePaired ? "unpaired: no rounds to pair"
                    : "paired per round where rounds exist, else unpaired";
        }
    }

    private ReferenceRatios() {
    }

    static String reference(RunDir run) {
        String configured = run.env(REFERENCE_KEY).strip();
        return configured.isEmpty() ? DEFAULT_REFERENCE : configured;
    }

    static Ratios of(Panel panel, String reference, RoundFigures rounds) {
        return of(panel, reference, rounds, Metric.PRIMARY);
    }

    /** The same for any figure; {@code rounds} must hold that figure (RoundFigures.read(run, metric)). */
    static Ratios of(Panel panel, String reference, RoundFigures rounds, String metric) {
        List<ChartLine> lines = new ArrayList<>();
        int paired = 0;
        int unpaired = 0;
        for (String impl : panel.impls()) {
            List<ChartPoint> points = new ArrayList<>();
            for (BenchResult result : panel.ofImpl(impl)) {
                Optional<BenchResult> base = panel.results().stream()
                        .filter(r -> r.key().equals(result.keyWithImpl(reference))).findFirst();
                if (base.isEmpty()) {
                    continue;
                }
                double connections = result.longParam(Panel.CONNECTIONS);
                if (impl.equals(reference) && result.hasFigure()) {
                    ChartPoint.of(result, metric, connections).ifPresent(point -> points.add(point.exactly(1.0)));
                    continue; // the reference over itself is 1 by definition, paired or not
                }
                Optional<ChartPoint> pairedPoint = paired(result, base.get(), rounds, connections);
                Optional<ChartPoint> point = pairedPoint.isPresent() ? pairedPoint
                        : unpaired(result, base.get(), metric, connections);
                if (point.isPresent()) {
                    points.add(point.get());
                    if (pairedPoint.isPresent()) paired++; else unpaired++;
                }
            }
            if (!points.isEmpty()) {
                lines.add(new ChartLine(impl, impl, 0, points));
            }
        }
        return new Ratios(reference, lines, unpaired == 0, paired == 0);
    }

    /** Per-round ratios of the figure {@code rounds} holds: present only when at least two rounds measured both sides. */
    static Optional<ChartPoint> paired(BenchResult result, BenchResult base, RoundFigures rounds, double x) {
        if (!result.hasFigure() || !base.hasFigure()) {
            return Optional.empty();
        }
        return rounds.pairedRatio(result, base.impl(), MIN_PAIRED_ROUNDS).map(estimate -> point(result, base,
                new Measure(estimate.value(), (estimate.high() - estimate.low()) / 2, estimate.low(), estimate.high(), "x"), x));
    }

    private static Optional<ChartPoint> unpaired(BenchResult result, BenchResult base, String metric, double x) {
        Optional<Measure> head = result.metric(metric);
        Optional<Measure> reference = base.metric(metric);
        if (head.isEmpty() || reference.isEmpty() || !result.hasFigure() || !base.hasFigure()
                || !(reference.get().score() > 0)) {
            return Optional.empty();
        }
        return Optional.of(point(result, base, head.get().dividedBy(reference.get()), x));
    }

    /** A ratio is as noisy, and as client-bound, as either of its sides. */
    private static ChartPoint point(BenchResult result, BenchResult base, Measure ratio, double x) {
        boolean disturbed = ChartPoint.disturbed(result) || ChartPoint.disturbed(base);
        boolean wide = ratio.relativeSpread() > MarkdownSummary.NOISY_SPREAD;
        return new ChartPoint(result.impl(), x, ratio.score(), ratio.ciLow(), ratio.ciHigh(), wide || disturbed,
                result.clientBound() || base.clientBound());
    }
}
