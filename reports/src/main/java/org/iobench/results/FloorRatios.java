package org.iobench.results;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.iobench.api.Implementation;
import org.iobench.bench.stats.IntervalEstimate;

/**
 * Each model read against the floor of its own mechanism ({@link Implementation#floor()}): the figure
 * divided by its native server's figure at the same parameters, round by round (both ran in every
 * round, so whatever slowed the machine in that round slowed both and cancels), then summarised as
 * the median of the per-round ratios with the project's interval over rounds ({@link FigureInterval}).
 */
final class FloorRatios {

    /** impl ÷ floor for one result. */
    record Row(BenchResult result, String floor, IntervalEstimate ratio) {
    }

    private FloorRatios() {
    }

    /** For every result of {@code results} whose floor ran too, sorted by ratio (best first for {@code metric}). */
    static List<Row> of(RunDir run, List<BenchResult> results, String metric) throws ResultsException {
        RoundFigures rounds = RoundFigures.read(run.dir(), metric);
        List<Row> rows = new ArrayList<>();
        for (BenchResult result : results) {
            Optional<Implementation> floor = Implementation.byId(result.impl()).map(Implementation::floor);
            if (floor.isEmpty() || result.invalid() || result.reachedLimit()) continue;
            rounds.pairedRatio(result, floor.get().id, 1).ifPresent(ratio -> rows.add(new Row(result, floor.get().id, ratio)));
        }
        Comparator<Row> byRatio = Comparator.comparingDouble(row -> row.ratio().value());
        rows.sort(Metric.of(metric).direction() == Metric.Direction.BIGGER_IS_BETTER ? byRatio.reversed() : byRatio);
        return rows;
    }
}
