package org.iobench.bench;

import java.util.concurrent.TimeUnit;
import org.iobench.bench.driver.DriverSnapshot;
import org.iobench.bench.driver.Load;
import org.iobench.bench.measure.SteadyStateRule;

/**
 * Drives a fork's connections until the figures are steady, before JMH's first measured iteration:
 * the server's JIT and the driver's warm up under the very load that is then measured. Steadiness is
 * decided online by {@link SteadyStateRule} over short windows (their closed-loop echoes/s, or the
 * open loop's median latency, since an open loop's rate is fixed by its schedule), capped at
 * {@value #CAP_WINDOWS} windows; a fork that hits the cap is measured all the same and reported as
 * never steady ({@code warmup.never.steady} = 1), never hidden. How long warm-up took travels with
 * the result ({@code warmup.s}).
 *
 * <p>Why in the trial's setup rather than as JMH warm-up iterations: JMH's warm-up is a fixed count,
 * so a fixed count long enough for the slowest server wastes the budget on every other one, and a
 * shorter one measures some servers still climbing.
 */
final class WarmUp {
    /** One window of the rule: long enough for thousands of echoes at the rates measured here. */
    static final long WINDOW_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    /** At most this many windows (10 s) before the fork is declared never steady. */
    static final int CAP_WINDOWS = 40;

    private WarmUp() {
    }

    /**
     * @param seconds how long warm-up took
     * @param steady  false when the cap was hit first
     */
    record Outcome(double seconds, boolean steady) {
        /** Several driver threads warm up side by side: the slowest decides, any never-steady one marks the fork. */
        Outcome worst(Outcome other) {
            return other == null ? this : new Outcome(Math.max(seconds, other.seconds), steady && other.steady);
        }
    }

    static Outcome run(Load driver, boolean openLoop) {
        SteadyStateRule rule = new SteadyStateRule(SteadyStateRule.DEFAULT_WINDOW, SteadyStateRule.DEFAULT_MAX_DRIFT,
                SteadyStateRule.DEFAULT_MAX_SPREAD, CAP_WINDOWS);
        long start = System.nanoTime();
        driver.intervalSnapshot();
        while (true) {
            long end = System.nanoTime() + WINDOW_NANOS;
            while (System.nanoTime() < end) driver.awaitEcho();
            DriverSnapshot window = driver.intervalSnapshot();
            double signal = openLoop ? window.latencyMicros(50) : window.echoesPerSecond();
            SteadyStateRule.Decision decision = rule.offer(Math.max(signal, Double.MIN_NORMAL));
            if (decision.state() != SteadyStateRule.State.WARMING_UP) {
                return new Outcome((System.nanoTime() - start) / 1e9, decision.state() == SteadyStateRule.State.STEADY);
            }
        }
    }
}
