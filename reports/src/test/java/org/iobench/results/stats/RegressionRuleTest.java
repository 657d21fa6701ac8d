package org.iobench.results.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.iobench.bench.stats.RoundSamples;
import org.iobench.results.Metric.Direction;
import org.iobench.results.Metric;
import org.junit.jupiter.api.Test;

class RegressionRuleTest {

    private static final RegressionRule RULE = RegressionRule.withDefaults();

    /**
     * Interleaved A B rounds: ln x = ln(level) + machine_r (shared by both sides of round r, σ 0.2)
     * + fork_{r,side} (σ forkSd) + iteration noise (σ 0.02). Returns {base, head} as RoundSamples.
     */
    private static RoundSamples[] abRounds(SplittableRandom random, int rounds, int iterations, double headFactor,
                                           double forkSd) {
        double[][] base = new double[rounds][iterations];
        double[][] head = new double[rounds][iterations];
        for (int r = 0; r < rounds; r++) {
            double machine = 0.2 * random.nextGaussian();
            double baseFork = forkSd * random.nextGaussian();
            double headFork = forkSd * random.nextGaussian();
            for (int i = 0; i < iterations; i++) {
                base[r][i] = 100_000 * Math.exp(machine + baseFork + 0.02 * random.nextGaussian());
                head[r][i] = 100_000 * headFactor * Math.exp(machine + headFork + 0.02 * random.nextGaussian());
            }
        }
        return new RoundSamples[] {new RoundSamples(base), new RoundSamples(head)};
    }

    private static PairedFigure figure(String name, Direction direction, RoundSamples[] baseAndHead) {
        return PairedFigure.of(name, direction, baseAndHead[0], baseAndHead[1]);
    }

    @Test
    void identicalSamplesPass() {
        RoundSamples[] same = abRounds(new SplittableRandom(1), 7, 5, 1.0, 0.03);
        List<FigureJudgement> judged = RULE.judge(List.of(
                figure("echoes.per.s", Direction.BIGGER_IS_BETTER, new RoundSamples[] {same[0], same[0]}),
                figure("server.cpu.us.per.echo", Direction.SMALLER_IS_BETTER, new RoundSamples[] {same[1], same[1]})));
        judged.forEach(j -> assertEquals(GateOutcome.NO_CHANGE, j.outcome(), j.reason()));
    }

    @Test
    void aShiftedDistributionIsFlagged() {
        SplittableRandom random = new SplittableRandom(2);
        List<FigureJudgement> judged = RULE.judge(List.of(
                figure("echoes.per.s", Direction.BIGGER_IS_BETTER, abRounds(random, 7, 5, 0.79, 0.03)),
                figure("server.cpu.us.per.echo", Direction.SMALLER_IS_BETTER, abRounds(random, 7, 5, 1.25, 0.03)),
                figure("latency.p99", Direction.SMALLER_IS_BETTER, abRounds(random, 7, 5, 1.0, 0.03))));
        assertEquals(GateOutcome.REGRESSION, judged.get(0).outcome(), judged.get(0).reason());
        assertEquals(GateOutcome.REGRESSION, judged.get(1).outcome(), judged.get(1).reason());
        assertFalse(judged.get(2).outcome() == GateOutcome.REGRESSION, judged.get(2).reason());
    }

    @Test
    void directionIsRightForEveryGatableMetric() {
        for (Metric metric : Metric.KNOWN) {
            if (metric.direction() == Direction.NEITHER) continue;
            double[] base = {100, 102, 98, 101, 99};
            double[] up = new double[base.length];
            double[] down = new double[base.length];
            for (int r = 0; r < base.length; r++) {
                up[r] = base[r] * 1.2 * (1 + 0.005 * (r % 2));
                down[r] = base[r] / 1.2 * (1 + 0.005 * (r % 2));
            }
            List<FigureJudgement> judged = RULE.judge(List.of(new PairedFigure(metric.name(), metric.direction(), base, up),
                    new PairedFigure(metric.name(), metric.direction(), base, down)));
            boolean biggerIsBetter = metric.direction() == Direction.BIGGER_IS_BETTER;
            assertEquals(biggerIsBetter ? GateOutcome.IMPROVEMENT : GateOutcome.REGRESSION, judged.get(0).outcome(), metric.name());
            assertEquals(biggerIsBetter ? GateOutcome.REGRESSION : GateOutcome.IMPROVEMENT, judged.get(1).outcome(), metric.name());
        }
    }

    @Test
    void aFigureWithoutADirectionCannotBeGated() {
        assertThrows(IllegalArgumentException.class,
                () -> new PairedFigure("offered.rate", Direction.NEITHER, new double[] {1, 2, 3}, new double[] {1, 2, 3}));
    }

    @Test
    void tooFewRoundsIsInconclusiveAndSaysWhy() {
        FigureJudgement judged = RULE.judge(List.of(new PairedFigure("echoes.per.s", Direction.BIGGER_IS_BETTER,
                new double[] {100, 100}, new double[] {50, 50}))).get(0);
        assertEquals(GateOutcome.INCONCLUSIVE, judged.outcome());
        assertNull(judged.ratio());
        assertTrue(judged.reason().contains("only 2 paired round"), judged.reason());
    }

    @Test
    void tooNoisyToDecideIsInconclusiveWithTheDetectableChange() {
        FigureJudgement judged = RULE.judge(List.of(new PairedFigure("echoes.per.s", Direction.BIGGER_IS_BETTER,
                new double[] {100, 100, 100, 100}, new double[] {60, 130, 80, 120}))).get(0);
        assertEquals(GateOutcome.INCONCLUSIVE, judged.outcome());
        assertTrue(judged.reason().contains("too noisy"), judged.reason());
    }

    @Test
    void aRealChangeBelowTheThresholdIsNoChange() {
        FigureJudgement judged = RULE.judge(List.of(new PairedFigure("echoes.per.s", Direction.BIGGER_IS_BETTER,
                new double[] {100, 200, 150, 120, 180}, new double[] {98, 196.2, 147.1, 117.5, 176.3}))).get(0);
        assertTrue(judged.ratio().pValue() < 0.001, "the 2% drop is significant");
        assertEquals(GateOutcome.NO_CHANGE, judged.outcome(), judged.reason());
    }

    /**
     * Many unchanged figures, judged six at a time as one gate would, 1,000 times. With no practical
     * threshold, the chance that a gate raises any alarm must be the false discovery rate (under the
     * global null BH controls exactly that); with the 5% threshold it may only be lower. The same data
     * judged with every iteration counted as an independent pair shows the alarms that manufactures.
     */
    @Test
    void noisyUnchangedFiguresRaiseFalseAlarmsAtMostAtTheChosenRate() {
        SplittableRandom random = new SplittableRandom(3);
        RegressionRule noThreshold = new RegressionRule(0, 0.05, 3);
        int gates = 1000;
        int alarmedWithoutThreshold = 0;
        int alarmedWithThreshold = 0;
        int alarmedCountingIterations = 0;
        for (int gate = 0; gate < gates; gate++) {
            List<PairedFigure> figures = new ArrayList<>();
            List<PairedFigure> iterationsAsRounds = new ArrayList<>();
            for (int f = 0; f < 6; f++) {
                RoundSamples[] baseAndHead = abRounds(random, 7, 5, 1.0, 0.03);
                figures.add(figure("figure" + f, Direction.BIGGER_IS_BETTER, baseAndHead));
                iterationsAsRounds.add(new PairedFigure("figure" + f, Direction.BIGGER_IS_BETTER,
                        baseAndHead[0].pooled(), baseAndHead[1].pooled()));
            }
            if (anyAlarm(noThreshold.judge(figures))) alarmedWithoutThreshold++;
            if (anyAlarm(RULE.judge(figures))) alarmedWithThreshold++;
            if (anyAlarm(noThreshold.judge(iterationsAsRounds))) alarmedCountingIterations++;
        }
        double rateWithoutThreshold = alarmedWithoutThreshold / (double) gates;
        double rateWithThreshold = alarmedWithThreshold / (double) gates;
        double rateCountingIterations = alarmedCountingIterations / (double) gates;
        assertTrue(rateWithoutThreshold <= 0.05 + 0.02 && rateWithoutThreshold >= 0.02,
                "false-alarm rate without threshold " + rateWithoutThreshold);
        assertTrue(rateWithThreshold <= rateWithoutThreshold, "with threshold " + rateWithThreshold);
        assertTrue(rateCountingIterations > 0.3, "iterations as samples " + rateCountingIterations);
    }

    private static boolean anyAlarm(List<FigureJudgement> judged) {
        return judged.stream().anyMatch(j -> j.outcome() == GateOutcome.REGRESSION || j.outcome() == GateOutcome.IMPROVEMENT);
    }
}
