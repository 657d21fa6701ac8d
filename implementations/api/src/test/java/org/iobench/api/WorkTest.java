package org.iobench.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class WorkTest {

    @Test
    void everyKindParsesAndPrintsBack() {
        assertEquals(Work.NONE, Work.parse("none"));
        assertEquals(new Work.Cpu(5), Work.parse("cpu:5"));
        assertEquals(new Work.Block(0.5), Work.parse("block:0.5"));
        assertEquals(new Work.Block(1), Work.parse(" BLOCK:1 "));
        for (String text : new String[] {"none", "cpu:5", "cpu:2.5", "block:1", "block:0.5"}) {
            assertEquals(text, Work.parse(text).text());
        }
    }

    @Test
    void mistakesSayWhatIsAccepted() {
        assertStarts("'sleep:1' is not a work kind: use none, cpu:<µs> or block:<ms>", "sleep:1");
        assertStarts("'cpu' is not a work kind", "cpu");
        assertStarts("'cpu:fast': cpu: takes a number", "cpu:fast");
        assertStarts("'block:0': the amount must be > 0", "block:0");
        assertStarts("'block:-1': the amount must be > 0", "block:-1");
        assertStarts("'block:NaN': block: takes a number", "block:NaN");
        assertStarts("'block:600000': the amount must be > 0 and at most a minute", "block:600000");
    }

    private static void assertStarts(String expected, String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Work.parse(text));
        assertTrue(e.getMessage().startsWith(expected), () -> "message was: " + e.getMessage());
    }
}
