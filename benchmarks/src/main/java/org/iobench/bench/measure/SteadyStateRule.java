package org.iobench.bench.measure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.statistics.descriptive.Median;

/**
 * Decides online, one iteration score at a time, when warm-up is over: the last {@code window} scores
 * must show no trend (their Theil–Sen slope, carried across the window, moves the figure by at most
 * {@code maxDrift} of its median) and little spread (their robust coefficient of variation,
 * 1.4826 · MAD / median, at most {@code maxSpread}). The fork is then steady from the window's first
 * iteration. After {@code cap} scores without that, it is NEVER STEADY: a result to report as such
 * (Barrett et al. 2017 found a good share of VM benchmarks never reach a steady state), not to hide.
 *
 * <p>Why an online rule rather than changepoint analysis afterwards: the fork must know when to stop
 * warming up while it runs. Why Theil–Sen and the MAD: both are medians, so one disturbed iteration in
 * the window moves neither; a least-squares slope or a standard deviation would follow it. The bound is
 * practical rather than a significance test: with five points no test has power against a slow climb,
 * while a drift bound says directly how much the figure may still be moving.
 *
 * <p>What this rule does not judge is the machine's weather: being robust, it calls a window steady when
 * three of its five scores agree, even if two fell into a slow burst. Weather is for the interference
 * probe and for the spread between rounds.
 */
public final class SteadyStateRule {

    public static final int DEFAULT_WINDOW = 5;
    /**
     * The trend across the window may move the figure by at most 3% of its median. 5% let a warm-up be
     * called steady while still climbing about 1.5% per iteration (caught by the test of an exponential
     * climb); 3% costs a quiet machine (2% noise) a few more iterations now and then, not steadiness.
     */
    public static final double DEFAULT_MAX_DRIFT = 0.03;
    /** Robust CV of the window at most 5% (a quiet VM shows about 2% between 1-second samples). */
    public static final double DEFAULT_MAX_SPREAD = 0.05;
    public static final int DEFAULT_CAP = 30;

    /** Scales the MAD to the standard deviation for normal data, so maxSpread reads as a CV. */
    private static final double MAD_TO_SD = 1.4826;
    private static final Median MEDIAN = Median.withDefaults().withCopy(false);

    public enum State { WARMING_UP, STEADY, NEVER_STEADY }

    /**
     * @param state      where the fork is
     * @param iterations scores seen so far
     * @param steadyFrom index (0-based) of the first iteration of the steady window, or -1
     * @param drift      signed relative drift across the last window (NaN before a full window)
     * @param spread     robust CV of the last window (NaN before a full window)
     */
    public record Decision(State state, int iterations, int steadyFrom, double drift, double spread) {
    }

    private final int window;
    private final double maxDrift;
    private final double maxSpread;
    private final int cap;
    private final List<Double> scores = new ArrayList<>();
    private Decision last;

    public SteadyStateRule(int window, double maxDrift, double maxSpread, int cap) {
        if (window < 3) throw new IllegalArgumentException("window must be at least 3 scores: " + window);
        if (cap < window) throw new IllegalArgumentException("cap (" + cap + ") must be at least the window (" + window + ")");
        if (!(maxDrift > 0) || !(maxSpread > 0)) throw new IllegalArgumentException("bounds must be positive");
        this.window = window;
        this.maxDrift = maxDrift;
        this.maxSpread = maxSpread;
        this.cap = cap;
        this.last = new Decision(State.WARMING_UP, 0, -1, Double.NaN, Double.NaN);
    }

    public static SteadyStateRule withDefaults() {
        return new SteadyStateRule(DEFAULT_WINDOW, DEFAULT_MAX_DRIFT, DEFAULT_MAX_SPREAD, DEFAULT_CAP);
    }

    /** Feeds the next iteration's score; once STEADY or NEVER STEADY the decision no longer changes. */
    public Decision offer(double score) {
        if (last.state != State.WARMING_UP) return last;
        if (!(score > 0) || !Double.isFinite(score)) throw new IllegalArgumentException("scores must be positive and finite: " + score);
        scores.add(score);
        int n = scores.size();
        double drift = Double.NaN;
        double spread = Double.NaN;
        State state = State.WARMING_UP;
        if (n >= window) {
            double[] recent = scores.subList(n - window, n).stream().mapToDouble(Double::doubleValue).toArray();
            double median = MEDIAN.evaluate(recent.clone());
            drift = theilSenSlope(recent) * (window - 1) / median;
            spread = MAD_TO_SD * medianAbsoluteDeviation(recent, median) / median;
            if (Math.abs(drift) <= maxDrift && spread <= maxSpread) state = State.STEADY;
        }
        if (state == State.WARMING_UP && n >= cap) state = State.NEVER_STEADY;
        last = new Decision(state, n, state == State.STEADY ? n - window : -1, drift, spread);
        return last;
    }

    /** Offers the scores in turn until a decision; WARMING_UP if they ran out first. */
    public static Decision evaluate(SteadyStateRule rule, double... scores) {
        Decision decision = rule.last;
        for (double score : scores) {
            decision = rule.offer(score);
            if (decision.state != State.WARMING_UP) break;
        }
        return decision;
    }

    /** Median of the slopes of every pair of points (x = iteration index). */
    static double theilSenSlope(double[] y) {
        double[] slopes = new double[y.length * (y.length - 1) / 2];
        int k = 0;
        for (int i = 0; i < y.length; i++) {
            for (int j = i + 1; j < y.length; j++) slopes[k++] = (y[j] - y[i]) / (j - i);
        }
        return MEDIAN.evaluate(slopes);
    }

    private static double medianAbsoluteDeviation(double[] values, double median) {
        return MEDIAN.evaluate(Arrays.stream(values).map(v -> Math.abs(v - median)).toArray());
    }
}
