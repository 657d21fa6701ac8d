package org.iobench.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ProcStatTest {
    @Test
    void nameAndFieldsComeFromAroundTheLastParenthesis() {
        ProcStat vmThread = ProcStat.parse("4242 (VM Thread) R 1 4242 0 0 -1");
        assertEquals("VM Thread", vmThread.command());
        assertEquals("R", vmThread.state());
        assertEquals(-1, vmThread.field(8));
        // a thread may name itself with parentheses and spaces: the fields follow the last ')'
        ProcStat odd = ProcStat.parse("7 (a) S (b) D 1 2 3");
        assertEquals("a) S (b", odd.command());
        assertEquals("D", odd.state());
        assertEquals(3, odd.field(6));
    }

    @Test
    void whatIsNotAStatLineIsRefusedSayingSo() {
        assertThrows(IllegalArgumentException.class, () -> ProcStat.parse("7 no-parentheses S"));
        assertThrows(IllegalArgumentException.class, () -> ProcStat.parse("7 (truncated)"));
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> ProcStat.parse("1 (x) S 1 2").field(14));
        assertEquals("/proc stat line has no field 14 (5 fields)", missing.getMessage());
    }
}
