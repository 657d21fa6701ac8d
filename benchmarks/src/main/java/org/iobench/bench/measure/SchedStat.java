package org.iobench.bench.measure;

/**
 * One thread's (or a sum of threads') scheduler statistics from {@code /proc/<pid>/task/<tid>/schedstat}:
 * "{@code <on-CPU ns> <runnable-but-waiting ns> <timeslices>}". The second field, time spent on a run
 * queue waiting for a CPU, is how long something else held the CPU this thread wanted.
 *
 * @param runNanos  time on a CPU
 * @param waitNanos time runnable but waiting on a run queue
 */
public record SchedStat(long runNanos, long waitNanos) {

    public static final SchedStat ZERO = new SchedStat(0, 0);

    /** Parses the one line of a schedstat file. */
    public static SchedStat parse(String line) {
        String[] fields = line.strip().split("\\s+");
        if (fields.length < 2) throw new IllegalArgumentException("not a schedstat line: '" + line.strip() + "'");
        try {
            return new SchedStat(Long.parseLong(fields[0]), Long.parseLong(fields[1]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a schedstat line: '" + line.strip() + "'", e);
        }
    }

    public SchedStat plus(SchedStat other) {
        return new SchedStat(runNanos + other.runNanos, waitNanos + other.waitNanos);
    }

    public SchedStat minus(SchedStat earlier) {
        return new SchedStat(runNanos - earlier.runNanos, waitNanos - earlier.waitNanos);
    }
}
