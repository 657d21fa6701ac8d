package org.iobench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.iobench.api.Implementation;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchPlanTest {
    private static final List<String> TWELVE = Arrays.stream(Implementation.values()).map(i -> i.id).toList();
    private static final FdLimits ROOMY = new FdLimits(65536, 65536);

    @Test
    void standardCoversOneToTenThousandConnectionsForEveryImplementationInBothBenchmarks() {
        BenchPlan plan = BenchPlan.of(Preset.STANDARD, TWELVE, 1, ROOMY, Map.of());
        for (Preset.Kind kind : List.of(Preset.Kind.THROUGHPUT, Preset.Kind.LATENCY)) {
            List<Integer> covered = plan.invocations().stream().filter(i -> i.kind() == kind)
                    .flatMap(i -> i.connections().stream()).distinct().sorted().toList();
            assertEquals(List.of(1, 10, 100, 1_000, 10_000), covered, kind.toString());
        }
        plan.invocations().forEach(i -> assertEquals(TWELVE, i.impls()));
        assertTrue(plan.skipped().isEmpty());
    }

    @Test
    void c100kRunsFiftyAndAHundredThousandConnectionsWhereTheDescriptorLimitHoldsThem() {
        BenchPlan roomy = BenchPlan.of(Preset.C100K, TWELVE, 1, new FdLimits(200_000, 200_000), Map.of());
        assertEquals(List.of(50_000, 100_000), roomy.invocations().getFirst().connections());
        assertTrue(roomy.skipped().isEmpty(), roomy.skipped().toString());
        BenchPlan tight = BenchPlan.of(Preset.C100K, TWELVE, 1, new FdLimits(60_000, 60_000), Map.of());
        assertEquals(List.of(50_000), tight.invocations().getFirst().connections());
        assertTrue(tight.skipped().stream().anyMatch(line -> line.contains("100000 connections need 100256 descriptors")),
                tight.skipped().toString());
    }

    @Test
    void presetsFitTheirTimeBudgetWithEveryImplementation() {
        // the estimate (measured time, the measured per-fork overhead, the forks measured again) must stay
        // inside what each preset promises; a matrix that grows past it fails here, not in a user's run
        assertBudget(Preset.SMOKE, List.of("native-epoll-et", "nio-selector"), 60);
        // quick: 5 rounds of 24 trials took 11 min 50 s here (results/2026-11-28-vm-7; estimated 12.4 min); the
        // ~8 min aimed at would allow 4 rounds, and rounds are what the intervals rest on
        assertBudget(Preset.QUICK, TWELVE, 13 * 60);
        // standard, "about an hour": 5 rounds of 120 trials took 67.5 min here (results/2026-11-28-vm-5; estimated 66.7)
        assertBudget(Preset.STANDARD, TWELVE, 68 * 60);
    }

    private static void assertBudget(Preset preset, List<String> impls, double budgetSeconds) {
        BenchPlan plan = BenchPlan.of(preset, impls, 1, ROOMY, Map.of());
        double seconds = plan.estimatedSeconds(preset.timing);
        assertTrue(seconds <= budgetSeconds, preset + ": " + seconds + " s for " + plan.trials() + " trials");
    }

    @Test
    void theEstimateCountsTheUnmeasuredIterationsOfChurn() {
        BenchPlan plan = BenchPlan.of(Preset.WORKLOADS, List.of("nio-selector"), 1, ROOMY, Map.of());
        int churnTrials = plan.invocations().stream().filter(i -> i.kind() == Preset.Kind.CHURN).mapToInt(BenchPlan.Invocation::trials).sum();
        assertTrue(churnTrials > 0);
        double expected = Preset.WORKLOADS.timing.rounds() * churnTrials * Preset.Kind.CHURN.warmupIterations
                * BenchPlan.seconds(Preset.WORKLOADS.timing.measurementTime());
        assertEquals(expected, plan.warmupIterationSeconds(Preset.WORKLOADS.timing), 1e-9);
        BenchPlan quick = BenchPlan.of(Preset.QUICK, List.of("nio-selector"), 1, ROOMY, Map.of());
        assertEquals(0, quick.warmupIterationSeconds(Preset.QUICK.timing), 1e-9, "quick runs no churn");
    }

    @Test
    void presetsUsersReadRunAtLeastFiveRounds() {
        // rounds are the independent unit of every interval; with fewer than 5 the widest possible
        // interval, [min, max] of the round medians, covers the median less than 93.75% of the time
        for (Preset preset : List.of(Preset.QUICK, Preset.STANDARD, Preset.FULL, Preset.WORKLOADS)) {
            assertTrue(preset.timing.rounds() >= 5, preset.id() + " runs only " + preset.timing.rounds() + " rounds");
        }
    }

    @Test
    void workloadsSweepsMessageSizesAndChurnsConnections() {
        BenchPlan plan = BenchPlan.of(Preset.WORKLOADS, TWELVE, 1, ROOMY, Map.of());
        // ping-pong at 100 and 1,000 connections x 4 sizes, churn with 1 and 100 in flight, per implementation;
        // then work at 100 and 1,000 connections: cpu:20 by all but native-io-uring, block:1 (closed loop, and the
        // open loop at 1,000) by the 9 Java models: the C servers have no pool
        // and the 7 Java event loops' offload pool swept over 2 more sizes under block:1 at 1,000 connections,
        // and the classic mistake (no pool: the loop blocks) once, for netty-epoll-et
        assertEquals(12 * (2 * 4 + 2) + 11 * 2 + 9 * 2 + 9 + 7 * 2 + 1, plan.trials());
        assertTrue(plan.skipped().contains("org.iobench.bench.ThroughputBenchmark.echo impl=virtual work=block:1 skipped: it has no"
                + " offload pool to size (offloadThreads=16,256 is swept for the event loops only)"), plan.skipped().toString());
        assertTrue(plan.invocations().stream().anyMatch(i -> i.offloadThreads().equals(List.of(16, 256))
                && i.impls().contains("netty-epoll-et") && !i.impls().contains("blocking")));
        assertTrue(plan.invocations().stream().anyMatch(i -> i.offloadThreads().equals(List.of(0)) && i.impls().equals(List.of("netty-epoll-et"))));
        assertEquals(7, plan.skipped().stream().filter(l -> l.contains("work is not available")).count(), plan.skipped().toString());
        assertTrue(plan.skipped().contains("org.iobench.bench.ThroughputBenchmark.echo impl=native-io-uring work=cpu:20 skipped: cpu"
                + " work is not available: its provided-buffer receive path frames no messages"), plan.skipped().toString());
        assertTrue(plan.invocations().stream().anyMatch(i -> i.works().equals(List.of("block:1")) && i.kind() == Preset.Kind.LATENCY
                && !i.impls().contains("native-epoll-et") && i.impls().contains("virtual")));
        assertTrue(plan.invocations().stream().anyMatch(i -> i.kind() == Preset.Kind.CHURN && i.connections().equals(List.of(1, 100))));
        assertTrue(plan.invocations().stream().anyMatch(i -> i.kind() == Preset.Kind.THROUGHPUT
                && i.payloadBytes().equals(List.of(64, 1_024, 16_384, 65_536))));
    }

    @Test
    void aMatrixForOneModelRunsOnlyWhereThatModelRunsAndYieldsToTheUsersSweep() {
        // without netty-epoll-et in the run there is no blocking-loop point, and nothing is said to be skipped for it
        BenchPlan without = BenchPlan.of(Preset.WORKLOADS, List.of("nio-selector"), 1, ROOMY, Map.of());
        assertTrue(without.invocations().stream().noneMatch(i -> i.offloadThreads().equals(List.of(0))));
        // -p offloadThreads=0,64 replaces the preset's sweeps: every blocking-work trial takes it, and none is planned twice
        BenchPlan swept = BenchPlan.of(Preset.WORKLOADS, List.of("nio-selector", "netty-epoll-et"), 1, ROOMY,
                Map.of(BenchPlan.OFFLOAD_THREADS, List.of("0", "64")));
        List<BenchPlan.Invocation> trials = TrialSchedule.trials(swept);
        assertEquals(trials.size(), trials.stream().map(t -> t.kind() + " " + t.params()).distinct().count(), trials.toString());
        // block:1 at 100 and 1,000 connections in the closed loop and at 1,000 in the open loop, 2 pools, 2 event loops
        assertEquals(3 * 2 * 2, trials.stream().filter(t -> t.works().equals(List.of("block:1"))).count());
    }

    @Test
    void aServerThreadSweepMultipliesTheTrialsAndNamesItsValueOnlyWhenSwept() {
        BenchPlan plain = BenchPlan.of(Preset.QUICK, List.of("nio-selector", "netty-epoll-et"), 1, ROOMY, Map.of());
        plain.invocations().forEach(i -> assertTrue(!i.params().containsKey(BenchPlan.SERVER_THREADS), i.params().toString()));
        BenchPlan swept = BenchPlan.of(Preset.QUICK, List.of("nio-selector", "netty-epoll-et"), 1, ROOMY,
                Map.of(BenchPlan.SERVER_THREADS, List.of("1", "2", "4")));
        assertEquals(3 * plain.trials(), swept.trials());
        swept.invocations().forEach(i -> assertEquals(List.of("1", "2", "4"), i.params().get(BenchPlan.SERVER_THREADS)));
        // each trial of the rounds is one thread count, and says which
        List<BenchPlan.Invocation> trials = TrialSchedule.trials(swept);
        assertEquals(swept.trials(), trials.size());
        assertTrue(trials.stream().allMatch(t -> t.params().get(BenchPlan.SERVER_THREADS).size() == 1));
        assertEquals(3, trials.stream().map(t -> t.serverThreads().getFirst()).distinct().count());
    }

    @Test
    void fullIsTheWholeMatrix() {
        BenchPlan plan = BenchPlan.of(Preset.FULL, List.of("blocking"), 1, new FdLimits(200_000, 200_000), Map.of());
        // 1 to 100,000 connections x 3 payloads x (2 depths + 3 rates), and churn with 1 and 100 in flight
        assertEquals(7 * 3 * 2 + 7 * 3 * 3 + 2, plan.trials());
    }

    @Test
    void connectionCountsBelowTheDriverThreadCountGetOneThreadPerConnection() {
        BenchPlan plan = BenchPlan.of(Preset.STANDARD, List.of("virtual"), 4, ROOMY, Map.of());
        List<BenchPlan.Invocation> throughput = plan.invocations().stream()
                .filter(i -> i.kind() == Preset.Kind.THROUGHPUT && i.payloadBytes().equals(List.of(64))).toList();
        assertEquals(2, throughput.size());
        assertEquals(List.of(1), throughput.get(0).connections());
        assertEquals(1, throughput.get(0).threads());
        assertEquals(List.of(10, 100, 1_000, 10_000), throughput.get(1).connections());
        assertEquals(4, throughput.get(1).threads());
    }

    @Test
    void commandLineParametersReplaceThePresetValues() {
        BenchPlan plan = BenchPlan.of(Preset.QUICK, TWELVE, 1, ROOMY,
                Map.of("connections", List.of("1000", "2000"), "impl", List.of("blocking")));
        plan.invocations().forEach(i -> {
            assertEquals(List.of(1000, 2000), i.connections());
            assertEquals(List.of("blocking"), i.impls());
        });
        assertThrows(IllegalArgumentException.class,
                () -> BenchPlan.of(Preset.QUICK, TWELVE, 1, ROOMY, Map.of("connections", List.of("many"))));
    }

    @Test
    void invocationParamsUseTheContractNames() {
        BenchPlan.Invocation latency = BenchPlan.of(Preset.QUICK, List.of("virtual"), 1, ROOMY, Map.of()).invocations().stream()
                .filter(i -> i.kind() == Preset.Kind.LATENCY).findFirst().orElseThrow();
        assertEquals(List.of("impl", "connections", "payloadBytes", "rate"), List.copyOf(latency.params().keySet()));
        assertEquals("org.iobench.bench.LatencyBenchmark.echo", latency.kind().benchmark());
    }

    @Test
    void jmhTimesConvertToSeconds() {
        assertEquals(0.5, BenchPlan.seconds("500ms"));
        assertEquals(2, BenchPlan.seconds("2s"));
        assertEquals(60, BenchPlan.seconds("1m"));
    }

    @Test
    void threadSharesAddUpToTheConnections() {
        assertEquals(List.of(4, 3, 3), List.of(DriverThread.share(10, 3, 0), DriverThread.share(10, 3, 1), DriverThread.share(10, 3, 2)));
        assertEquals(0, DriverThread.share(1, 2, 1));
        assertThrows(IllegalArgumentException.class, () -> DriverThread.share(10, 2, 2));
    }
}
