package org.iobench.bench.measure;

import java.util.Optional;

/**
 * Stop-the-world garbage-collection time of a HotSpot JVM so far, from its perf counters
 * ({@link HotSpotPerfData}): the sum of {@code sun.gc.collector.<n>.time} over the collectors whose
 * name ends in "pauses" ("G1 young collection pauses", "G1 full collection pauses", "G1 concurrent
 * cycle pauses" (remark and cleanup), "Serial young collection pauses", "ZGC minor collection pauses",
 * ...). Collectors named otherwise count concurrent cycles (ZGC's "cycles") or do not say
 * (Shenandoah's "partial" / "full"): a JVM with no collector named "pauses" has no figure rather
 * than a wrong one.
 *
 * <p>The time is the pause as the collector accounts it (from the safepoint's start to its end),
 * not the time threads took to reach the safepoint.
 *
 * @param pauseTicks      accumulated pause time, in {@code sun.os.hrt.frequency} ticks
 * @param pauses          how many pauses
 * @param ticksPerSecond  {@code sun.os.hrt.frequency}
 */
public record GcPauses(long pauseTicks, long pauses, long ticksPerSecond) {
    private static final int MAX_COLLECTORS = 16;

    /** The JVM's pause totals, or empty when its collector publishes no pause counters. */
    public static Optional<GcPauses> of(HotSpotPerfData counters) {
        Optional<Long> frequency = counters.longValue("sun.os.hrt.frequency");
        if (frequency.isEmpty() || frequency.get() <= 0) return Optional.empty();
        long ticks = 0;
        long pauses = 0;
        boolean any = false;
        for (int n = 0; n < MAX_COLLECTORS; n++) {
            String prefix = "sun.gc.collector." + n + ".";
            Optional<String> name = counters.stringValue(prefix + "name");
            Optional<Long> time = counters.longValue(prefix + "time");
            if (name.isEmpty() || time.isEmpty() || !name.get().endsWith("pauses")) continue;
            ticks += time.get();
            pauses += counters.longValue(prefix + "invocations").orElse(0L);
            any = true;
        }
        return any ? Optional.of(new GcPauses(ticks, pauses, frequency.get())) : Optional.empty();
    }

    /** Milliseconds of pause since the earlier totals of the same JVM. */
    public double millisSince(GcPauses earlier) {
        return (pauseTicks - earlier.pauseTicks) * 1000.0 / ticksPerSecond;
    }

    /** Pauses since the earlier totals of the same JVM. */
    public long pausesSince(GcPauses earlier) {
        return pauses - earlier.pauses;
    }
}
