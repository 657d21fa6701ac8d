package org.iobench.bench;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Every -p value and iteration option the benchmarks would reject inside a trial is refused up front. */
class ParamCheckTest {

    private static void refused(String expected, String... jmhArgs) {
        BenchOptions.UsageException e = assertThrows(BenchOptions.UsageException.class,
                () -> ParamCheck.check(JmhArgs.parse(List.of(jmhArgs)), false), String.join(" ", jmhArgs));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void badParameterValuesAreRefusedWithTheirReason() {
        refused("-p connections=0: must be 1..", "-p", "connections=0");
        refused("-p connections=-5: must be 1..", "-p", "connections=10,-5");
        refused("-p payloadBytes=0: payloadBytes must be 1..1048576", "-p", "payloadBytes=0");
        refused("-p payloadBytes=200000000: payloadBytes must be 1..1048576", "-p", "payloadBytes=200000000");
        refused("-p depth=0: depth must be 1..1024", "-p", "depth=0");
        refused("-p rate=0", "-p", "rate=0");
        refused("-p impl=nosuch: unknown implementation", "-p", "impl=nosuch");
        refused("-p depth=deep: not a whole number", "-p", "depth=deep");
        refused("-p foo: unknown parameter", "-p", "foo=1");
        refused("-p work=sleep:1: 'sleep:1' is not a work kind", "-p", "work=sleep:1");
        refused("-p work=block:0: 'block:0': the amount must be > 0", "-p", "work=none,block:0");
        refused("-p serverThreads=-1: must be 0 (the run's setting) to 1024", "-p", "serverThreads=1,-1");
        refused("-p serverThreads=two: not a whole number", "-p", "serverThreads=two");
        refused("-p messages=0: echoes per connection (ChurnBenchmark) must be at least 1", "-p", "messages=1,0");
    }

    @Test
    void iterationOptionsARunCannotUseAreRefused() {
        refused("-f 0: every trial needs its own JVM", "-f", "0");
        refused("-t max: give a number of driver threads", "-t", "max");
        refused("should be positive", "-i", "0"); // JMH's own check, as a usage error
    }

    @Test
    void goodValuesPassAndARemoteImplIsOnlyALabel() {
        assertDoesNotThrow(() -> ParamCheck.check(JmhArgs.parse(List.of("-p", "connections=1,10000", "-p", "payloadBytes=64",
                "-p", "depth=16", "-p", "rate=1000", "-p", "impl=nio-selector", "-p", "work=none,cpu:5,block:0.5", "-p", "serverThreads=1,2,4",
                "-p", "messages=1,100", "-f", "2", "-i", "3", "-t", "1")), false));
        assertDoesNotThrow(() -> ParamCheck.check(JmhArgs.parse(List.of("-p", "impl=my-server")), true));
    }

    @Test
    void moreDriverThreadsThanConnectionsIsRefused() {
        assertThrows(BenchOptions.UsageException.class, () -> ParamCheck.checkThreads(4, List.of(10, 2)));
        assertDoesNotThrow(() -> ParamCheck.checkThreads(2, List.of(10, 2)));
    }
}
