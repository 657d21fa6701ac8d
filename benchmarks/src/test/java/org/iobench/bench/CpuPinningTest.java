package org.iobench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CpuPinningTest {

    @Test
    void twoCpusGiveOneToEachSide() {
        CpuPinning p = CpuPinning.split(List.of(0, 1), true);
        assertTrue(p.pinned());
        assertEquals("0", p.driverList());
        assertEquals("1", p.serverList());
    }

    @Test
    void driverGetsTheLowerHalfServerTheUpperAndTheLargerHalfWhenOdd() {
        CpuPinning p = CpuPinning.split(List.of(0, 1, 2, 3, 4), true);
        assertEquals(List.of(0, 1), p.driverCpus());
        assertEquals(List.of(2, 3, 4), p.serverCpus());
        assertEquals("2-4", p.serverList());
    }

    @Test
    void oneCpuOrDisabledMeansNoPinningAndBothSidesShareEverything() {
        CpuPinning one = CpuPinning.split(List.of(3), true);
        assertFalse(one.pinned());
        assertEquals("", one.driverList());
        assertEquals(List.of(3), one.serverCpus());
        assertFalse(CpuPinning.split(List.of(0, 1, 2, 3), false).pinned());
    }

    @Test
    void cpuListsParseAndFormatLikeTaskset() {
        assertEquals(List.of(0, 1, 2, 3, 6, 8, 9), CpuPinning.parseCpuList(" 0-3,6,8-9\n"));
        assertEquals("0-3,6,8-9", CpuPinning.formatCpuList(List.of(0, 1, 2, 3, 6, 8, 9)));
        assertEquals("5", CpuPinning.formatCpuList(List.of(5)));
        assertThrows(IllegalArgumentException.class, () -> CpuPinning.parseCpuList(""));
        assertThrows(IllegalArgumentException.class, () -> CpuPinning.parseCpuList("3-1"));
    }
}
