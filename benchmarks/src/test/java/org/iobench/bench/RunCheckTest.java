package org.iobench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How RunCheck sorts the trials that produced no result: failed (with JMH's reason), at a limit, incomplete. */
class RunCheckTest {
    private static final BenchPlan.Invocation TWO_IMPLS = new BenchPlan.Invocation(Preset.Kind.THROUGHPUT,
            List.of("blocking", "virtual"), List.of(100), List.of(64), List.of(1), 1);
    private static final String BLOCKING = "org.iobench.bench.ThroughputBenchmark.echo impl=blocking connections=100 payloadBytes=64 depth=1";
    private static final String VIRTUAL = "org.iobench.bench.ThroughputBenchmark.echo impl=virtual connections=100 payloadBytes=64 depth=1";

    private static RunCheck planned() {
        RunCheck check = new RunCheck();
        check.expect(TWO_IMPLS);
        return check;
    }

    @Test
    void aTrialWithoutAResultFailsWithTheFirstLineJmhReported() {
        RunCheck check = planned();
        check.started(BLOCKING);
        check.failedBecause("java.lang.IllegalStateException: invalid trial of blocking: server died; with exit status 137");
        check.failedBecause("a later line that must not replace the first reason");
        check.started(VIRTUAL);
        check.failedBecause("the forked benchmark JVM exited with status 1");
        assertEquals(List.of(
                BLOCKING + ": no result: java.lang.IllegalStateException: invalid trial of blocking: server died, with exit status 137",
                VIRTUAL + ": no result: the forked benchmark JVM exited with status 1"), check.failed(false));
        assertEquals(List.of(), check.incomplete(false));
    }

    @Test
    void aLimitReachedIsAnOutcomeNotAFailure() {
        RunCheck check = planned();
        check.started(BLOCKING);
        check.failedBecause(LimitReachedException.class.getName() + ": opened 31000 of 100000 connections: no more threads");
        assertEquals(List.of(BLOCKING + ": opened 31000 of 100000 connections: no more threads"), check.limits());
        check.couldNotRun(TWO_IMPLS, "JMH refused its invocation: Another JMH instance might be running");
        assertEquals(List.of(VIRTUAL + ": never started: JMH refused its invocation: Another JMH instance might be running"),
                check.failed(false));
    }

    @Test
    void anInterruptLeavesTheRunningTrialCutShortAndTheRestNotRun() {
        RunCheck check = planned();
        check.started(BLOCKING);
        assertEquals(List.of(BLOCKING + ": cut short by the interrupt", VIRTUAL + ": not run (interrupted)"), check.incomplete(true));
        assertEquals(List.of(), check.failed(true));
    }
}
