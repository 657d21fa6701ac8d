package org.iobench.bench;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** An A/B pair is measured again when its two forks ran with the driver's and server's CPUs at different distances. */
class PairPlacementTest {

    @Test
    void aNearAndAFarForkAreNoPair() {
        assertTrue(BenchMain.placedApart(List.of(95.0, 390.0)));
        assertTrue(BenchMain.placedApart(List.of(402.0, 88.0)));
    }

    @Test
    void twoForksInOnePlacementArePaired() {
        assertFalse(BenchMain.placedApart(List.of(95.0, 110.0)));
        assertFalse(BenchMain.placedApart(List.of(390.0, 410.0)));
    }

    @Test
    void anUnknownDistanceOrASingleSideDecidesNothing() {
        assertFalse(BenchMain.placedApart(List.of(Double.NaN, 390.0)));
        assertFalse(BenchMain.placedApart(List.of(95.0)));
    }
}
