package org.iobench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.options.Options;

class JmhArgsTest {
    private static final BenchPlan.Invocation QUICK_THROUGHPUT = BenchPlan.of(Preset.QUICK, List.of("blocking", "virtual"), 1,
            new FdLimits(65536, 65536), Map.of()).invocations().get(0);

    @Test
    void thePresetSetsIterationsOneForkThreadsParamsResultFileAndTheProfiler() throws Exception {
        Options o = JmhArgs.parse(List.of()).options(QUICK_THROUGHPUT, Preset.QUICK.timing, Path.of("/tmp/x.json"), List.of("-Xmx2g"), null);
        assertEquals(0, o.getWarmupIterations().get(), "each fork warms up until steady before JMH measures (WarmUp)");
        assertEquals(Preset.QUICK.timing.measurementIterations(), o.getMeasurementIterations().get());
        assertEquals(1, o.getForkCount().get());
        assertEquals(1, o.getThreads().get());
        assertEquals(List.of("blocking", "virtual"), List.copyOf(o.getParameter("impl").get()));
        assertEquals(List.of("100"), List.copyOf(o.getParameter("connections").get()));
        assertEquals("/tmp/x.json", o.getResult().get());
        assertTrue(o.getProfilers().stream().anyMatch(p -> p.getKlass().equals(EchoMetricsProfiler.class.getName())));
        assertEquals(List.of("^\\Qorg.iobench.bench.ThroughputBenchmark.echo\\E$"), o.getIncludes());
        assertFalse(o.shouldFailOnError().get(), "one failing trial must not stop the run");
    }

    @Test
    void churnRunsUnmeasuredJmhIterationsAsLongAsTheMeasuredOnesUnlessTheUserSaysOtherwise() throws Exception {
        BenchPlan plan = BenchPlan.of(Preset.WORKLOADS, List.of("nio-selector"), 1, new FdLimits(65536, 65536), Map.of());
        BenchPlan.Invocation churn = plan.invocations().stream().filter(i -> i.kind() == Preset.Kind.CHURN).findFirst().orElseThrow();
        Options o = JmhArgs.parse(List.of()).options(churn, Preset.WORKLOADS.timing, Path.of("/tmp/x.json"), List.of(), null);
        assertEquals(Preset.Kind.CHURN.warmupIterations, o.getWarmupIterations().get());
        assertEquals(2, o.getWarmupIterations().get(), "the first boundaries' aftermath lasts up to a second (Preset.Kind)");
        assertEquals(o.getMeasurementTime().get(), o.getWarmupTime().get());
        assertEquals(", then 2 x 300ms unmeasured JMH iterations (ChurnBenchmark)",
                JmhArgs.parse(List.of()).warmupIterations(plan.invocations(), Preset.WORKLOADS.timing));
        assertEquals("", JmhArgs.parse(List.of()).warmupIterations(List.of(QUICK_THROUGHPUT), Preset.QUICK.timing));
        assertEquals(0, JmhArgs.parse(List.of("-wi", "0")).options(churn, Preset.WORKLOADS.timing, Path.of("/tmp/x.json"), List.of(), null)
                .getWarmupIterations().get());
        assertEquals("", JmhArgs.parse(List.of("-wi", "0")).warmupIterations(plan.invocations(), Preset.WORKLOADS.timing));
    }

    @Test
    void theUsersOptionsWinAndJvmFlagsAddUp() throws Exception {
        JmhArgs user = JmhArgs.parse(List.of("-wi", "5", "-r", "3s", "-f", "2", "-jvmArgsAppend", "-XX:+UseZGC"));
        Options o = user.options(QUICK_THROUGHPUT, Preset.QUICK.timing, Path.of("/tmp/x.json"), List.of("-Xmx2g"), null);
        assertEquals(5, o.getWarmupIterations().get());
        assertEquals(2, o.getForkCount().get());
        assertEquals("3 s", o.getMeasurementTime().get().toString());
        assertEquals(List.of("-Xmx2g", "-XX:+UseZGC"), List.copyOf(o.getJvmArgsAppend().get()));
    }

    @Test
    void theRunDescribesTheIterationsTheUserAskedFor() throws Exception {
        // env.properties' "measurement" and the estimate come from this: -i and -r replace the preset's
        Preset.Timing asked = JmhArgs.parse(List.of("-i", "7", "-r", "2s")).timing(Preset.QUICK.timing);
        assertEquals(new Preset.Timing(Preset.QUICK.timing.rounds(), 7, "2000ms"), asked);
        assertEquals(Preset.QUICK.timing, JmhArgs.parse(List.of("-wi", "1")).timing(Preset.QUICK.timing));
    }

    @Test
    void parametersGivenByTheUserReachThePlan() throws Exception {
        JmhArgs user = JmhArgs.parse(List.of("-p", "connections=10,1000", "-p", "depth=16"));
        assertEquals(Map.of("connections", List.of("10", "1000"), "depth", List.of("16")), user.paramOverrides());
    }

    @Test
    void benchmarkRegexpsSelectWhichBenchmarksRun() throws Exception {
        JmhArgs onlyLatency = JmhArgs.parse(List.of("-wi", "1", "Latency"));
        assertTrue(onlyLatency.selects(Preset.Kind.LATENCY));
        assertFalse(onlyLatency.selects(Preset.Kind.THROUGHPUT));
        assertTrue(JmhArgs.parse(List.of()).selects(Preset.Kind.THROUGHPUT));
    }

    @Test
    void resultFileListingAndBadOptionsAreRefused() {
        assertThrows(BenchOptions.UsageException.class, () -> JmhArgs.parse(List.of("-rff", "mine.json")));
        assertThrows(BenchOptions.UsageException.class, () -> JmhArgs.parse(List.of("-l")));
        assertThrows(BenchOptions.UsageException.class, () -> JmhArgs.parse(List.of("-wi", "many")));
    }
}
