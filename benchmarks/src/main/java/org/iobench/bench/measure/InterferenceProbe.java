package org.iobench.bench.measure;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Takes the snapshots an {@link IterationInterference} is computed from: the driver's and the server's
 * per-thread schedstat and the pinned CPUs' /proc/stat lines. Snapshot at the start and at the end of
 * every measured iteration; {@link #between} does the arithmetic.
 */
public final class InterferenceProbe {

    /** What the probe read at one instant. */
    public record Snapshot(long nanoTime, ProcessSchedStats driver, ProcessSchedStats server, List<ProcessSchedStats> softirqThreads,
                           Map<Integer, CpuTimes> cpus, long driverTicks, long serverTicks) {
    }

    private final long driverPid;
    private final long serverPid;
    private final List<Integer> pinnedCpus;
    private final long ticksPerSecond;
    /** The pinned CPUs' ksoftirqd kernel threads: the workload's own loopback receive work. */
    private final List<Long> softirqThreadPids;
    private final boolean taskTimeIncludesSoftirq = KernelAccounting.taskTimeIncludesSoftirq();

    /**
     * @param pinnedCpus     the driver's and the server's CPUs (every CPU when nothing is pinned)
     * @param ticksPerSecond USER_HZ (getconf CLK_TCK; 100 on mainstream Linux)
     */
    public InterferenceProbe(long driverPid, long serverPid, List<Integer> pinnedCpus, long ticksPerSecond) {
        if (pinnedCpus.isEmpty()) throw new IllegalArgumentException("no pinned CPUs");
        this.driverPid = driverPid;
        this.serverPid = serverPid;
        this.pinnedCpus = List.copyOf(pinnedCpus);
        this.ticksPerSecond = ticksPerSecond;
        this.softirqThreadPids = KernelAccounting.softirqThreads(this.pinnedCpus);
    }

    public Snapshot snapshot() throws IOException {
        List<ProcessSchedStats> softirq = new java.util.ArrayList<>();
        for (long pid : softirqThreadPids) softirq.add(ProcessSchedStats.read(pid));
        return new Snapshot(System.nanoTime(), ProcessSchedStats.read(driverPid), ProcessSchedStats.read(serverPid), softirq,
                CpuTimes.readPerCpu(), ProcessCpuTicks.read(driverPid), ProcessCpuTicks.read(serverPid));
    }

    public IterationInterference between(Snapshot before, Snapshot after) {
        CpuTimes pinned = new CpuTimes(0, 0, 0, 0, 0, 0, 0, 0);
        for (int cpu : pinnedCpus) {
            CpuTimes end = after.cpus().get(cpu);
            CpuTimes start = before.cpus().get(cpu);
            if (end == null || start == null) throw new IllegalArgumentException("CPU " + cpu + " is not in /proc/stat");
            pinned = pinned.plus(end.minus(start));
        }
        SchedStat softirq = SchedStat.ZERO;
        for (int i = 0; i < Math.min(before.softirqThreads().size(), after.softirqThreads().size()); i++) {
            softirq = softirq.plus(after.softirqThreads().get(i).since(before.softirqThreads().get(i)));
        }
        long nanosPerTick = 1_000_000_000L / ticksPerSecond;
        return IterationInterference.of(after.nanoTime() - before.nanoTime(),
                ownAndWaited(before.driver(), after.driver(), (after.driverTicks() - before.driverTicks()) * nanosPerTick),
                ownAndWaited(before.server(), after.server(), (after.serverTicks() - before.serverTicks()) * nanosPerTick),
                softirq, taskTimeIncludesSoftirq, pinned, pinnedCpus.size(), ticksPerSecond);
    }

    /**
     * The process's run time (all threads: its own CPU use, for the foreign share) with the run-queue
     * wait of its busiest thread (the one doing the work: the driver loop, the event loop). Summing
     * every thread's wait would count the process against itself: a JVM's compiler, GC and JMH threads,
     * pinned beside the busy thread, wait for it by design.
     *
     * <p>A thread that ended during the iteration takes its last part out of the per-thread sum (thread
     * per connection under churn ends one per connection, and its time read as "foreign": 31-37%). Then
     * the process's tick count, which keeps ended threads, is used where it is larger: coarse (10 ms), and
     * erring towards own time, not towards crying wolf.
     */
    static SchedStat ownAndWaited(ProcessSchedStats before, ProcessSchedStats after, long tickNanos) {
        long run = after.since(before).runNanos();
        if (after.threadEndedSince(before)) run = Math.max(run, tickNanos);
        return new SchedStat(run, after.busiestSince(before).waitNanos());
    }
}
