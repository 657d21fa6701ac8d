package org.iobench.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/**
 * Did the run deliver? A trial the plan asked for but JMH returned no result for has failed (JMH
 * drops a trial whose setup or benchmark threw, e.g. a server that would not start or stalled); a
 * result with fewer measurement iterations than planned has failed too (JMH keeps the finished
 * iterations of a trial whose last iteration or teardown threw: a server that exited non-zero,
 * echoes that failed outside the measurement); a result whose {@code errors} metric is above 0 is
 * invalid. The reports apply the same two rules to jmh.json.
 */
final class RunCheck {
    private final Set<String> expected = new LinkedHashSet<>();
    private final Set<String> received = new LinkedHashSet<>();
    private final List<String> invalid = new ArrayList<>();

    void expect(BenchPlan.Invocation invocation) {
        List<String> keys = List.of(invocation.kind().benchmark());
        for (Map.Entry<String, List<String>> param : invocation.params().entrySet()) {
            List<String> next = new ArrayList<>();
            for (String key : keys) {
                for (String value : param.getValue()) next.add(key + " " + param.getKey() + "=" + value);
            }
            keys = next;
        }
        expected.addAll(keys);
    }

    void received(BenchPlan.Invocation invocation, Collection<RunResult> results) {
        for (RunResult result : results) {
            BenchmarkParams params = result.getParams();
            StringBuilder key = new StringBuilder(params.getBenchmark());
            for (String name : invocation.params().keySet()) key.append(' ').append(name).append('=').append(params.getParam(name));
            received.add(key.toString());
            int planned = params.getForks() * params.getMeasurement().getCount();
            int present = result.getBenchmarkResults().stream().mapToInt(r -> r.getIterationResults().size()).sum();
            if (present < planned) {
                invalid.add(key + ": only " + present + " of " + planned + " measurement iterations (the trial failed before it ended)");
                continue;
            }
            Result errors = result.getAggregatedResult().getSecondaryResults().get("errors");
            if (errors == null) {
                invalid.add(key + ": no 'errors' metric (EchoMetricsProfiler did not report)");
            } else if (errors.getScore() > 0) {
                invalid.add(key + ": " + (long) errors.getScore() + " echo errors");
            }
        }
    }

    /** Trials that produced no result. */
    List<String> failed() {
        List<String> missing = new ArrayList<>(expected);
        missing.removeAll(received);
        return missing;
    }

    /** Results that must not be trusted, with why. */
    List<String> invalid() {
        return List.copyOf(invalid);
    }

    int receivedCount() {
        return received.size();
    }

    boolean ok() {
        return failed().isEmpty() && invalid.isEmpty();
    }
}
