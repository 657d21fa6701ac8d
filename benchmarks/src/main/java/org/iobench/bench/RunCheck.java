package org.iobench.bench;

import org.iobench.bench.measure.IterationInterference;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.Result;

/**
 * Did the run deliver? Every planned trial ends in one of five ways; the first and the last keep the run valid:
 * <ul>
 *   <li>a result with every planned measurement iteration and 0 errors;
 *   <li><b>invalid</b>: a result with errors above 0, without the errors metric, or with fewer
 *       measurement iterations than planned (JMH keeps the finished iterations of a trial whose
 *       last iteration or teardown threw: a server that exited non-zero, echoes that failed outside
 *       the measurement);
 *   <li><b>failed</b>: no result at all (JMH drops a trial whose setup or benchmark threw: a server
 *       that would not start, stalled or was killed);
 *   <li><b>incomplete</b>: cut short or never started because the run was interrupted;
 *   <li><b>reached a limit</b> ({@link LimitReachedException}): no result, but an outcome, not a
 *       fault; it does not make the run invalid.
 * </ul>
 * Fed trial by trial by {@link TrialRecorder}; read by the shutdown hook too, hence synchronized.
 * The reports apply the same rules to jmh.json against the plan recorded in env.properties.
 */
final class RunCheck {
    /** Planned trial key to the invocation it belongs to. */
    private final Map<String, BenchPlan.Invocation> expected = new LinkedHashMap<>();
    private final Set<String> started = new LinkedHashSet<>();
    private final Set<String> received = new LinkedHashSet<>();
    private final List<String> invalid = new ArrayList<>();
    /** Why a started trial produced no result, as JMH reported it (its first reason only). */
    private final Map<String, String> failureReasons = new LinkedHashMap<>();
    /** Trials that stopped at a limit ({@link LimitReachedException}): how far they got and why. */
    private final Map<String, String> limitReasons = new LinkedHashMap<>();
    /** Reasons are kept short: the first line of an exception can carry a server's whole output. */
    static final int MAX_REASON_CHARS = 300;
    private String running;

    /** Every trial of the invocation, in the given round (0: the run has no rounds, keys carry none). */
    synchronized void expect(BenchPlan.Invocation invocation, int round) {
        List<String> keys = List.of(invocation.kind().benchmark());
        for (Map.Entry<String, List<String>> param : invocation.params().entrySet()) {
            List<String> next = new ArrayList<>();
            for (String key : keys) {
                for (String value : param.getValue()) next.add(key + " " + param.getKey() + "=" + value);
            }
            keys = next;
        }
        keys.forEach(key -> expected.put(withRound(key, round), invocation));
    }

    synchronized void expect(BenchPlan.Invocation invocation) {
        expect(invocation, 0);
    }

    /** "... round=3": the same trial in different rounds is a different fork to account for. */
    static String withRound(String key, int round) {
        return round > 0 ? key + " round=" + round : key;
    }

    /** The key of a single-combination invocation (one trial). */
    static String key(BenchPlan.Invocation trial) {
        StringBuilder key = new StringBuilder(trial.kind().benchmark());
        trial.params().forEach((name, values) -> key.append(' ').append(name).append('=').append(String.join(",", values)));
        return key.toString();
    }

    /** A fork that was still disturbed when measured again: its result cannot be trusted. */
    synchronized void tooDisturbed(String key, double share) {
        invalid.add(key + String.format(java.util.Locale.ROOT,
                ": %s (%.0f%% of its iterations; measured again at most once per fork)", IterationInterference.TOO_DISTURBED, 100 * share));
    }

    /** "benchmark impl=... connections=... payloadBytes=... depth|rate=..." in the plan's parameter order. */
    static String key(BenchPlan.Invocation invocation, BenchmarkParams params) {
        StringBuilder key = new StringBuilder(params.getBenchmark());
        for (String name : invocation.params().keySet()) key.append(' ').append(name).append('=').append(params.getParam(name));
        return key.toString();
    }

    synchronized void started(String key) {
        started.add(key);
        running = key;
    }

    /** JMH reported why the running trial failed. */
    synchronized void failedBecause(String reason) {
        if (running == null || failureReasons.containsKey(running)) return;
        String limit = LimitReachedException.fromReportedLine(reason);
        String shortened = shorten(limit != null ? limit : reason);
        failureReasons.put(running, shortened);
        if (limit != null) limitReasons.put(running, shortened);
    }

    /** One line, bounded, without the entry separator of env.properties' lists. */
    private static String shorten(String reason) {
        String line = reason.length() <= MAX_REASON_CHARS ? reason : reason.substring(0, MAX_REASON_CHARS) + "...";
        return line.replace(';', ',');
    }

    /** JMH refused a whole invocation (its lock held by another run, a bad option): why its trials never started. */
    synchronized void couldNotRun(BenchPlan.Invocation invocation, String reason) {
        expected.forEach((key, of) -> {
            if (of == invocation && !started.contains(key)) failureReasons.putIfAbsent(key, shorten(reason));
        });
    }

    /** Trials that reached a limit, with how far they got and why: outcomes, not failures. */
    synchronized List<String> limits() {
        return limitReasons.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).toList();
    }

    /** JMH handed over a trial's result (all forks aggregated); null when it had none. */
    synchronized void ended(String key, BenchmarkResult result) {
        running = null;
        if (result == null) return;
        received.add(key);
        int planned = result.getParams().getForks() * result.getParams().getMeasurement().getCount();
        int present = result.getIterationResults().size();
        if (present < planned) {
            invalid.add(key + ": only " + present + " of " + planned + " measurement iterations (the trial failed before it ended)");
            return;
        }
        Result errors = result.getSecondaryResults().get("errors");
        if (errors == null) {
            invalid.add(key + ": no 'errors' metric (EchoMetricsProfiler did not report)");
        } else if (errors.getScore() > 0) {
            invalid.add(key + ": " + (long) errors.getScore() + " echo errors");
        }
    }

    /** Trials that ran, or should have run, and produced no result, with why. */
    synchronized List<String> failed(boolean interrupted) {
        List<String> failed = new ArrayList<>();
        for (String key : expected.keySet()) {
            if (received.contains(key) || limitReasons.containsKey(key) || isIncomplete(key, interrupted)) continue;
            failed.add(key + (!started.contains(key)
                    ? ": never started: " + failureReasons.getOrDefault(key, "JMH could not run its invocation (see the run's output)")
                    : ": no result: " + failureReasons.getOrDefault(key, "its setup, benchmark or teardown threw (see the run's output)")));
        }
        return failed;
    }

    /** Trials an interrupt cut short or kept from starting. */
    synchronized List<String> incomplete(boolean interrupted) {
        List<String> incomplete = new ArrayList<>();
        for (String key : expected.keySet()) {
            if (!received.contains(key) && !limitReasons.containsKey(key) && isIncomplete(key, interrupted)) {
                incomplete.add(key + (key.equals(running) ? ": cut short by the interrupt" : ": not run (interrupted)"));
            }
        }
        return incomplete;
    }

    private boolean isIncomplete(String key, boolean interrupted) {
        return interrupted && (key.equals(running) || !started.contains(key));
    }

    /** Results that must not be trusted, with why. */
    synchronized List<String> invalid() {
        return List.copyOf(invalid);
    }

    synchronized int receivedCount() {
        return received.size();
    }

    synchronized int plannedCount() {
        return expected.size();
    }
}
