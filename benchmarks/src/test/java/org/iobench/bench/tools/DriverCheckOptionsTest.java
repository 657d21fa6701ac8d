package org.iobench.bench.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every bad argument is refused before any load runs: one line, exit 2. */
class DriverCheckOptionsTest {

    private static String refusal(String... args) {
        return assertThrows(IllegalArgumentException.class, () -> DriverCheckOptions.parse(args)).getMessage();
    }

    @Test
    void helpIsHelpNotAMissingValue() {
        assertTrue(DriverCheckOptions.parse(new String[] {"--help"}).help());
        assertTrue(DriverCheckOptions.parse(new String[] {"--rounds", "9", "-h"}).help());
    }

    @Test
    void defaultsCoverTheTargetConnectionCountsWithEnoughRounds() {
        DriverCheckOptions o = DriverCheckOptions.parse(new String[0]);
        assertEquals(List.of(100, 1_000, 10_000), o.connectionCounts());
        assertTrue(o.rounds() >= 5, "rounds " + o.rounds());
        assertEquals(0.98, o.minRatio());
        assertTrue(o.withNative());
        assertEquals(o.clientCpus().size(), o.driverThreads());
    }

    @Test
    void anUnknownOptionIsNamedAsUnknownEvenAtTheEnd() {
        assertEquals("unknown option '--bogus'", refusal("--bogus"));
        assertEquals("unknown option '--bogus'", refusal("--rounds", "5", "--bogus"));
        assertEquals("unexpected argument 'x'", refusal("x"));
    }

    @Test
    void aMissingValueIsNamed() {
        assertEquals("--rounds needs a value", refusal("--rounds"));
    }

    @Test
    void numbersAreCheckedWithTheirRangeNotJavasParser() {
        assertEquals("--rounds takes a whole number from 1 to 1000, got -1", refusal("--rounds", "-1"));
        assertEquals("--seconds takes a whole number from 1 to 3600, got 'abc'", refusal("--seconds", "abc"));
        assertEquals("--connections takes a whole number from 1 to 1000000, got ''", refusal("--connections", "100,"));
        assertEquals("--connections takes a whole number from 1 to 1000000, got 0", refusal("--connections", "0"));
        assertTrue(refusal("--connections", "100,100").contains("twice"));
        assertTrue(refusal("--min-ratio", "x").contains("--min-ratio takes a number"));
        assertTrue(refusal("--min-ratio", "0").contains("must be > 0"));
    }

    @Test
    void anUnknownImplIsRefusedWithTheKnownOnes() {
        String message = refusal("--impl", "nosuch");
        assertTrue(message.startsWith("unknown --impl 'nosuch'; known: ") && message.contains("native-epoll-et"), message);
    }

    @Test
    void cpuListsAreCheckedAgainstTheMachineAndEachOther() {
        assertTrue(refusal("--client-cpus", "x").contains("CPU lists such as 0-3,6"));
        assertTrue(refusal("--client-cpus", "9999").contains("CPU 9999 is not available"));
        DriverCheckOptions machine = DriverCheckOptions.parse(new String[0]);
        String server = DriverCheckOptions.cpuList(machine.serverCpus());
        assertTrue(refusal("--client-cpus", server).contains("overlap"));
    }

    @Test
    void moreThreadsThanConnectionsIsRefused() {
        assertTrue(refusal("--connections", "1", "--driver-threads", "2").contains("more than the fewest connections"));
    }

    @Test
    void usageErrorsExitTwoWithOneLineAndNoLoad() {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            assertEquals(DriverCheck.EXIT_USAGE, DriverCheck.run(new String[] {"--rounds", "-1"}));
        } finally {
            System.setErr(err);
        }
        String text = captured.toString(StandardCharsets.UTF_8);
        assertTrue(text.startsWith("driver-check: --rounds takes a whole number"), text);
        assertFalse(text.contains("Exception"), text);
    }
}
