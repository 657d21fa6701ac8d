package org.iobench.bench.measure;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How much one measured iteration was disturbed, from the change of the driver's and server's
 * {@link SchedStat}s and of the pinned CPUs' {@link CpuTimes} over it.
 *
 * <ul>
 *   <li>Run-queue share (driver, server): thread-seconds spent runnable but waiting for a CPU, per second
 *       of wall time. With one busy thread per side it is the fraction of the iteration that thread lost.</li>
 *   <li>Foreign CPU share: time the pinned CPUs spent running tasks or hard interrupts (user, nice, system,
 *       irq) beyond what the driver's and server's own threads ran, as a share of the pinned CPUs'
 *       capacity. That is what else ran there.</li>
 *   <li>Softirq share, kept apart and never counted as foreign: loopback receive work runs in softirq
 *       context, on the sender's CPU or in ksoftirqd. It is the workload's own network stack, not a
 *       neighbour. The kernel reports ksoftirqd's time as softirq, not system, so it does not leak into
 *       the foreign share. Whether softirq time met in a task's context is also charged to that task's
 *       run time depends on CONFIG_IRQ_TIME_ACCOUNTING: with it the task is not charged (and both sides
 *       of the subtraction exclude softirq); without it the task is charged while /proc/stat still counts
 *       the sampled ticks as softirq, so "own" may exceed "task and irq" time and the foreign share is
 *       clamped at 0; it errs towards not crying wolf.</li>
 *   <li>Steal share: time the hypervisor ran something else on the pinned virtual CPUs (0 where the
 *       kernel does not report it). Interference from outside the VM that does not show as steal is
 *       invisible here and must be found in the samples themselves.</li>
 * </ul>
 *
 * How busy the pinned CPUs were is their capacity (wall time × CPUs) less their idle time, never the sum of
 * /proc/stat's user, system and irq columns: those are sampled at the scheduler tick, and a workload woken
 * at a steady rate (the open loop's 100 µs send schedule) can be in or out of phase with the tick, which
 * made single quiet iterations look 25% "foreign". Idle time on a tickless (NO_HZ) kernel is measured at
 * every idle entry and exit; /proc/stat reports it in 10 ms units, so over a 300 ms iteration on 2 CPUs the
 * error is at most ±3% of capacity, under the 10% limit.
 */
public record IterationInterference(double driverRunQueueShare, double serverRunQueueShare, double foreignCpuShare,
                                    double softirqShare, double stealShare, List<String> reasons) {

    /**
     * The driver's busy thread waited for a CPU more than a quarter of the iteration. Only the driver's
     * wait is judged: on a quiet machine it waits 3-19% behind its own JVM's threads and the loopback
     * softirq work of ksoftirqd on its CPU (measured on the development VM), and a process burning its
     * CPU takes about half. The server's wait is reported, never judged: a thread-per-connection
     * server's threads wait behind each other by design (`blocking` at 100 connections: 93%).
     */
    public static final double MAX_RUN_QUEUE_SHARE = 0.25;
    /**
     * More than 10% of the pinned CPUs' time went to other work. Not 5%: the idle path itself is busy time
     * no task is charged with, and it grows with the wake-up rate. On the development VM, quiet, the
     * standard run's 1-connection ping-pong (~19k wake-ups a second on each CPU) read 4-5% "foreign" for
     * every server, up to 7.4% in single iterations, against 1-2% at 10 connections and more
     * (results/2026-11-28-vm); at 5% that flagged every 1-connection result and invalidated one. A
     * process burning one of the two pinned CPUs for a fifth of an iteration still crosses 10%.
     */
    public static final double MAX_FOREIGN_CPU_SHARE = 0.10;
    /** More than 2% of the pinned CPUs' time taken by the hypervisor. */
    public static final double MAX_STEAL_SHARE = 0.02;

    /**
     * A fork with more than this share of its iterations disturbed is measured again (BenchMain); the
     * median of its rounds could not outvote it otherwise. The A/B gate drops such a round's pair.
     */
    public static final double MAX_DISTURBED_SHARE = 0.5;
    /** What a run's invalid list says of a fork still disturbed when measured again (env.properties, invalid=). */
    public static final String TOO_DISTURBED = "too disturbed to keep";

    private static final double NANOS_PER_SECOND = 1e9;

    public IterationInterference {
        reasons = List.copyOf(reasons);
    }

    /**
     * @param wallNanos      the iteration's wall time
     * @param driver         change of the driver process's threads' schedstat over the iteration
     * @param server         change of the server process's threads' schedstat
     * @param pinnedCpus     change of the pinned CPUs' times, summed over those CPUs
     * @param cpus           how many CPUs that sum is over
     * @param ticksPerSecond USER_HZ, the unit of /proc/stat
     */
    public static IterationInterference of(long wallNanos, SchedStat driver, SchedStat server, CpuTimes pinnedCpus,
                                           int cpus, long ticksPerSecond) {
        return of(wallNanos, driver, server, SchedStat.ZERO, false, pinnedCpus, cpus, ticksPerSecond);
    }

    /**
     * The same, knowing more of the kernel's accounting.
     *
     * @param softirqThreads          what the pinned CPUs' ksoftirqd threads ran over the iteration
     * @param taskTimeIncludesSoftirq true on kernels without CONFIG_IRQ_TIME_ACCOUNTING: softirq work done
     *                                in a task's context is charged to the task's run time. Then what else ran
     *                                is the busy time less the driver's, the server's and ksoftirqd's run
     *                                time; with it, also less the irq and softirq time /proc/stat then
     *                                measures exactly (softirq work in ksoftirqd stays ksoftirqd's run time).
     */
    public static IterationInterference of(long wallNanos, SchedStat driver, SchedStat server, SchedStat softirqThreads,
                                           boolean taskTimeIncludesSoftirq, CpuTimes pinnedCpus, int cpus, long ticksPerSecond) {
        if (wallNanos <= 0) throw new IllegalArgumentException("wall time must be positive: " + wallNanos);
        if (ticksPerSecond <= 0) throw new IllegalArgumentException("ticks per second must be positive: " + ticksPerSecond);
        if (cpus < 1) throw new IllegalArgumentException("no CPUs: " + cpus);
        if (pinnedCpus.totalTicks() <= 0) throw new IllegalArgumentException("the pinned CPUs report no time over the iteration");
        double capacityTicks = cpus * (wallNanos * ticksPerSecond / NANOS_PER_SECOND);
        double driverWait = driver.waitNanos() / (double) wallNanos;
        double serverWait = server.waitNanos() / (double) wallNanos;
        double ownTicks = (driver.runNanos() + server.runNanos() + softirqThreads.runNanos()) * ticksPerSecond / NANOS_PER_SECOND;
        double busyTicks = capacityTicks - pinnedCpus.idle() - pinnedCpus.iowait() - pinnedCpus.steal();
        double ownInterrupts = taskTimeIncludesSoftirq ? 0 : pinnedCpus.irq() + pinnedCpus.softirq();
        double foreign = Math.max(0, busyTicks - ownTicks - ownInterrupts) / capacityTicks;
        double softirq = Math.min(1, pinnedCpus.softirq() / capacityTicks);
        double steal = Math.min(1, pinnedCpus.steal() / capacityTicks);

        List<String> reasons = new ArrayList<>();
        flag(reasons, "driver waited for a CPU", driverWait, MAX_RUN_QUEUE_SHARE);
        flag(reasons, "other work on the pinned CPUs", foreign, MAX_FOREIGN_CPU_SHARE);
        flag(reasons, "steal", steal, MAX_STEAL_SHARE);
        return new IterationInterference(driverWait, serverWait, foreign, softirq, steal, reasons);
    }

    public boolean disturbed() {
        return !reasons.isEmpty();
    }

    private static void flag(List<String> reasons, String what, double share, double limit) {
        if (share > limit) {
            reasons.add(String.format(Locale.ROOT, "%s %.1f%% (limit %.0f%%)", what, 100 * share, 100 * limit));
        }
    }
}
