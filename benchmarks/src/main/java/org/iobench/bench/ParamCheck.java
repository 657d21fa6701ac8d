package org.iobench.bench;

import java.util.List;
import java.util.Map;
import org.iobench.api.Implementation;
import org.iobench.api.Settings;
import org.iobench.api.Work;
import org.iobench.bench.driver.LoadShape;

/**
 * The user's JMH parameters and iteration options, checked before anything starts: a value the
 * benchmark would reject inside each trial (after a JVM and a server have started, with a stack
 * trace) is refused here, with one line. The ranges are the driver's own ({@link LoadShape}), so
 * there is one rule, not two.
 */
final class ParamCheck {
    /** The benchmarks' parameters; anything else given with -p would only fail inside JMH. */
    static final List<String> KNOWN_PARAMS = List.of("impl", "connections", "payloadBytes", "depth", "rate", "work",
            "messages", BenchPlan.SERVER_THREADS, BenchPlan.OFFLOAD_THREADS);
    /** Far above what any descriptor limit allows; a typo guard, the descriptor limit is checked by the plan. */
    static final int MAX_CONNECTIONS = 10_000_000;

    private ParamCheck() {
    }

    /**
     * @param remoteTarget impl values are then only labels for the remote server, not catalogue ids
     */
    static void check(JmhArgs jmh, boolean remoteTarget) throws BenchOptions.UsageException {
        for (String name : jmh.paramNames()) {
            if (!KNOWN_PARAMS.contains(name)) {
                throw usage("-p " + name + ": unknown parameter (known: " + String.join(", ", KNOWN_PARAMS) + ")");
            }
        }
        Map<String, List<String>> params = jmh.paramOverrides();
        for (String impl : params.getOrDefault("impl", List.of())) {
            if (!remoteTarget && Implementation.byId(impl.strip()).isEmpty()) {
                throw usage("-p impl=" + impl + ": unknown implementation (known: " + Implementation.ids() + ")");
            }
        }
        for (String value : params.getOrDefault("connections", List.of())) {
            int connections = whole("connections", value);
            if (connections < 1 || connections > MAX_CONNECTIONS) {
                throw usage("-p connections=" + value + ": must be 1.." + MAX_CONNECTIONS);
            }
        }
        for (String value : params.getOrDefault("payloadBytes", List.of())) {
            rule("payloadBytes", value, () -> LoadShape.closedLoop(whole("payloadBytes", value), 1));
        }
        for (String value : params.getOrDefault("depth", List.of())) {
            rule("depth", value, () -> LoadShape.closedLoop(1, whole("depth", value)));
        }
        for (String value : params.getOrDefault("rate", List.of())) {
            rule("rate", value, () -> LoadShape.openLoop(1, whole("rate", value)));
        }
        for (String value : params.getOrDefault("messages", List.of())) {
            if (whole("messages", value) < 1) throw usage("-p messages=" + value + ": echoes per connection (ChurnBenchmark) must be at least 1");
        }
        for (String value : params.getOrDefault("work", List.of())) {
            try {
                Work.parse(value);
            } catch (IllegalArgumentException e) {
                throw usage("-p work=" + value + ": " + e.getMessage());
            }
        }
        for (String value : params.getOrDefault(BenchPlan.SERVER_THREADS, List.of())) {
            int threads = whole(BenchPlan.SERVER_THREADS, value);
            if (threads < 0 || threads > MAX_SERVER_THREADS) {
                throw usage("-p " + BenchPlan.SERVER_THREADS + "=" + value + ": must be 0 (the run's setting) to " + MAX_SERVER_THREADS);
            }
        }
        for (String value : params.getOrDefault(BenchPlan.OFFLOAD_THREADS, List.of())) {
            int threads = whole(BenchPlan.OFFLOAD_THREADS, value);
            if (threads < -1 || threads > MAX_OFFLOAD_THREADS) {
                throw usage("-p " + BenchPlan.OFFLOAD_THREADS + "=" + value + ": must be -1 (the run's setting), 0 (block on the loop) to "
                        + MAX_OFFLOAD_THREADS);
            }
        }
        jmh.checkIterationOptions();
    }

    /** The servers' own limit (--offload-threads). */
    static final int MAX_OFFLOAD_THREADS = 4_096;

    /** A typo guard: an event loop per thread beyond this helps no machine iobench runs on. */
    static final int MAX_SERVER_THREADS = 1_024;

    /** Each JMH thread drives at least one connection of its own. */
    static void checkThreads(int threads, List<Integer> connections) throws BenchOptions.UsageException {
        int fewest = connections.stream().mapToInt(Integer::intValue).min().orElse(Integer.MAX_VALUE);
        if (threads > fewest) {
            throw usage("-t " + threads + ": more driver threads than connections (" + fewest
                    + "); each thread needs at least one connection");
        }
    }

    /** -Diobench.server.threads / IOBENCH_SERVER_THREADS: a whole number from 1. */
    static int serverThreads(String value) throws BenchOptions.UsageException {
        try {
            int threads = Integer.parseInt(value.strip());
            if (threads >= 1) return threads;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw usage(Settings.SERVER_THREADS.property() + "=" + value + ": must be a whole number from 1");
    }

    private interface Rule {
        void apply() throws BenchOptions.UsageException;
    }

    private static void rule(String name, String value, Rule rule) throws BenchOptions.UsageException {
        try {
            rule.apply();
        } catch (IllegalArgumentException e) {
            throw usage("-p " + name + "=" + value + ": " + e.getMessage());
        }
    }

    private static int whole(String name, String value) throws BenchOptions.UsageException {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw usage("-p " + name + "=" + value + ": not a whole number");
        }
    }

    private static BenchOptions.UsageException usage(String message) {
        return new BenchOptions.UsageException(message);
    }
}
