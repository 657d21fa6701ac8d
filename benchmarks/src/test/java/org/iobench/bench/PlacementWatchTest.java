package org.iobench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Forks in another CPU placement are measured again: an A/B pair split across two, or a fork far from the run's nearest. */
class PlacementWatchTest {

    @Test
    void aNearAndAFarForkAreNoPair() {
        assertTrue(PlacementWatch.placedApart(List.of(95.0, 390.0)));
        assertTrue(PlacementWatch.placedApart(List.of(402.0, 88.0)));
    }

    @Test
    void twoForksInOnePlacementArePaired() {
        assertFalse(PlacementWatch.placedApart(List.of(95.0, 110.0)));
        assertFalse(PlacementWatch.placedApart(List.of(390.0, 410.0)));
        PlacementWatch watch = new PlacementWatch(10, true);
        assertTrue(watch.judge(fork(1, 390.0, 410.0)).isEmpty(), "a far pair is still a pair");
        assertEquals(1, watch.judge(fork(2, 95.0, 410.0)).size());
    }

    @Test
    void anUnknownDistanceOrASingleSideDecidesNothing() {
        assertFalse(PlacementWatch.placedApart(List.of(Double.NaN, 390.0)));
        assertFalse(PlacementWatch.placedApart(List.of(95.0)));
        assertTrue(new PlacementWatch(10, false).judge(fork(1, Double.NaN)).isEmpty());
    }

    @Test
    void aSingleRunsFarForksAreMeasuredAgainOnceTheNearPlacementIsSeen() {
        PlacementWatch watch = new PlacementWatch(10, false);
        assertTrue(watch.judge(fork(1, 390.0)).isEmpty(), "nothing nearer seen yet");
        assertTrue(watch.judge(fork(2, 400.0)).isEmpty());
        List<PlacementWatch.Fork> again = watch.judge(fork(3, 95.0));
        assertEquals(List.of(1, 2), again.stream().map(f -> f.slot().order()).toList(), "the earlier far forks");
        assertEquals(List.of(4), watch.judge(fork(4, 380.0)).stream().map(f -> f.slot().order()).toList());
        assertTrue(watch.judge(fork(5, 110.0)).isEmpty(), "the probe's spread within one placement");
    }

    @Test
    void noMoreThanTheBudgetAndEachForkOnce() {
        PlacementWatch watch = new PlacementWatch(2, false);
        watch.judge(fork(1, 95.0));
        assertEquals(1, watch.judge(fork(2, 390.0)).size());
        assertEquals(1, watch.judge(fork(3, 390.0)).size());
        assertTrue(watch.judge(fork(4, 390.0)).isEmpty(), "budget spent");
        assertTrue(watch.judge(fork(5, 80.0)).isEmpty(), "fork 4 stays: the budget is spent; 2 and 3 are not taken twice");
        assertEquals(2, watch.measuredAgain());
    }

    private static PlacementWatch.Fork fork(int order, Double... distances) {
        return new PlacementWatch.Fork(new TrialSchedule.Slot(1, order, null), List.of(distances), () -> { });
    }
}
