package org.iobench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FdLimitsTest {
    private static final String LIMITS = """
            Limit                     Soft Limit           Hard Limit           Units
            Max cpu time              unlimited            unlimited            seconds
            Max open files            1024                 4096                 files
            Max locked memory         8388608              8388608              bytes
            """;

    @Test
    void parsesMaxOpenFiles() {
        FdLimits fd = FdLimits.parse(LIMITS);
        assertEquals(1024, fd.soft());
        assertEquals(4096, fd.hard());
    }

    @Test
    void theHardLimitCountsBecauseBothSidesRaiseTheirSoftLimitToIt() {
        FdLimits fd = new FdLimits(1024, 4096);
        assertNull(fd.whyNot(1000));
        assertNull(fd.whyNot(4096 - FdLimits.RESERVED_FDS));
        String why = fd.whyNot(10_000);
        assertNotNull(why);
        assertTrue(why.contains("10000 connections") && why.contains("4096"), why);
    }

    @Test
    void unlimitedHoldsAnything() {
        assertNull(FdLimits.parse("Max open files            unlimited            unlimited            files\n").whyNot(1_000_000));
    }

    @Test
    void thePlanSkipsCountsAboveTheLimitAndSaysSo() {
        BenchPlan plan = BenchPlan.of(Preset.STANDARD, List.of("nio-selector"), 1, new FdLimits(4096, 4096), Map.of());
        plan.invocations().forEach(i -> assertEquals(List.of(1, 10, 100, 1_000).containsAll(i.connections()), true, i.toString()));
        assertTrue(plan.invocations().stream().noneMatch(i -> i.connections().contains(10_000)));
        assertEquals(2, plan.skipped().size(), "one line per benchmark that had 10,000: " + plan.skipped());
        assertTrue(plan.skipped().get(0).contains("connections=10000"), plan.skipped().get(0));
    }
}
