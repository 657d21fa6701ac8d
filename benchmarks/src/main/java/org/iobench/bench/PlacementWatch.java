package org.iobench.bench;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.iobench.bench.measure.CoreDistance;

/**
 * Which forks to measure again because they ran in another CPU placement ({@link CoreDistance}): on a
 * VM the host moves the driver's and the server's virtual CPUs between cores that share a cache and
 * cores that do not, and loopback costs ~25% more per echo in the far placement.
 *
 * <ul>
 *   <li>An A/B pair: when its two forks' distances differ by more than
 *       {@link CoreDistance#OTHER_PLACEMENT_RATIO}×. A pair in one placement, near or far, is a pair.</li>
 *   <li>A single run: when the fork ran that much farther apart than the nearest placement the run has
 *       seen, so that its figures are of one placement wherever the machine allows. A fork measured before
 *       the run first saw the near placement is judged when it does.</li>
 * </ul>
 * Each first attempt at most once, within a budget; what is still far when measured again is kept (the
 * summary names it).
 */
final class PlacementWatch {
    /** A fork's first attempt: its slot, each side's CPU distance (NaN: unknown), and how to discard it. */
    record Fork(TrialSchedule.Slot slot, List<Double> distances, Runnable discard) {
    }

    private final int budget;
    private final boolean paired;
    private final List<Fork> judged = new ArrayList<>();
    private final Set<Fork> again = new HashSet<>();
    private double nearest = Double.NaN;

    PlacementWatch(int budget, boolean paired) {
        this.budget = budget;
        this.paired = paired;
    }

    /** Records a first attempt; returns the forks (it, or earlier ones) to measure again now. */
    List<Fork> judge(Fork fork) {
        List<Fork> now = new ArrayList<>();
        if (paired) {
            if (placedApart(fork.distances())) take(fork, now);
            return now;
        }
        double distance = fork.distances().getFirst();
        if (Double.isNaN(distance)) return now;
        if (Double.isNaN(nearest) || distance < nearest) nearest = distance;
        judged.add(fork);
        for (Fork earlier : judged) {
            if (!again.contains(earlier) && CoreDistance.fartherThan(earlier.distances().getFirst(), nearest)) take(earlier, now);
        }
        return now;
    }

    int measuredAgain() {
        return again.size();
    }

    private void take(Fork fork, List<Fork> now) {
        if (again.size() >= budget) return;
        again.add(fork);
        now.add(fork);
    }

    /** Whether an A/B pair's two forks ran in different CPU placements (one side unknown: no). */
    static boolean placedApart(List<Double> distances) {
        if (distances.size() != 2 || distances.stream().anyMatch(d -> d.isNaN())) return false;
        return CoreDistance.fartherThan(Math.max(distances.get(0), distances.get(1)), Math.min(distances.get(0), distances.get(1)));
    }
}
