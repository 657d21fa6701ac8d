package org.iobench.bench.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class BenjaminiHochbergTest {

    @Test
    void rejectsUpToTheLargestRankUnderItsLine() {
        // sorted: 0.005 ≤ .01, 0.01 ≤ .02, 0.03 ≤ .03, 0.04 ≤ .04, 0.20 > .05
        boolean[] rejected = BenjaminiHochberg.rejected(new double[] {0.01, 0.04, 0.03, 0.005, 0.20}, 0.05);
        assertArrayEquals(new boolean[] {true, true, true, true, false}, rejected);
    }

    @Test
    void stepsUpWhereBonferroniWouldRejectNothing() {
        // 0.049 ≤ 3·0.05/3 rejects all three, though 0.04 > 0.05/3
        assertArrayEquals(new boolean[] {true, true, true},
                BenjaminiHochberg.rejected(new double[] {0.04, 0.045, 0.049}, 0.05));
    }

    @Test
    void nothingBelowTheLineNothingRejected() {
        assertArrayEquals(new boolean[] {false, false, false},
                BenjaminiHochberg.rejected(new double[] {0.02, 0.04, 0.5}, 0.05));
    }

    @Test
    void nanIsNeverRejected() {
        assertArrayEquals(new boolean[] {false, true}, BenjaminiHochberg.rejected(new double[] {Double.NaN, 0.001}, 0.05));
    }
}
