package org.iobench.results;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.iobench.bench.measure.CoreDistance;

/**
 * Which forks of a run ran with the driver's and the server's CPUs far apart ({@link CoreDistance}):
 * more than {@link CoreDistance#OTHER_PLACEMENT_RATIO}× the nearest distance the run saw. On a VM whose
 * host moves its virtual CPUs, loopback costs ~25% more per echo in the far placement, so a result with
 * far and near rounds mixes two machines; the median over rounds outvotes a minority of far rounds.
 */
final class CpuPlacement {
    static final String METRIC = "cpu.distance.ns";

    /** The nearest distance the run saw, and each result's far rounds (result key → rounds). */
    record Outcome(double nearestNanos, int forks, Map<String, List<Integer>> farRounds) {
        int farForks() {
            return farRounds.values().stream().mapToInt(List::size).sum();
        }
    }

    private CpuPlacement() {
    }

    /** Empty when the run did not measure the distance (unpinned, no probe, an older run). */
    static java.util.Optional<Outcome> of(RunDir run) throws ResultsException {
        RoundFigures distances = RoundFigures.read(run.dir(), METRIC);
        double nearest = Double.POSITIVE_INFINITY;
        int forks = 0;
        for (BenchResult result : run.results()) {
            for (double nanos : distances.of(result.key()).values()) {
                nearest = Math.min(nearest, nanos);
                forks++;
            }
        }
        if (forks == 0) return java.util.Optional.empty();
        Map<String, List<Integer>> far = new TreeMap<>();
        for (BenchResult result : run.results()) {
            for (Map.Entry<Integer, Double> round : distances.of(result.key()).entrySet()) {
                if (CoreDistance.fartherThan(round.getValue(), nearest)) {
                    far.computeIfAbsent(result.key(), k -> new ArrayList<>()).add(round.getKey());
                }
            }
        }
        return java.util.Optional.of(new Outcome(nearest, forks, far));
    }

    /** The summary's paragraph: nothing when the distance was not measured. */
    static List<String> lines(RunDir run) {
        java.util.Optional<Outcome> outcome;
        try {
            outcome = of(run);
        } catch (ResultsException e) {
            return List.of("**CPU placement**: not read (" + e.getMessage() + ").", "");
        }
        if (outcome.isEmpty()) return List.of();
        Outcome o = outcome.get();
        List<String> out = new ArrayList<>();
        out.add(String.format(Locale.ROOT, "**CPU placement** (cpu.distance.ns, a cache line's round trip between the driver's and"
                + " the server's CPUs, docs/statistics.md): nearest %.0f ns; %d of %d forks ran more than %.0f× farther apart%s",
                o.nearestNanos(), o.farForks(), o.forks(), CoreDistance.OTHER_PLACEMENT_RATIO,
                o.farForks() == 0 ? "." : " (on a VM the host moved the CPUs apart; loopback costs more per echo there):"));
        o.farRounds().forEach((key, rounds) -> out.add("- " + key + ": round" + (rounds.size() > 1 ? "s " : " ")
                + rounds.stream().sorted().map(String::valueOf).reduce((a, b) -> a + ", " + b).orElse("")));
        out.add("");
        return out;
    }

    /**
     * Two runs' placements side by side, for compare: empty when either did not measure it. Runs whose
     * nearest placements differ by more than {@link CoreDistance#OTHER_PLACEMENT_RATIO}× measured two
     * machines as far as loopback is concerned (~25% apart on the development VM): said loudly, since
     * absolute figures then differ by that much with no change of code.
     */
    static java.util.Optional<String> comparison(RunDir baseline, RunDir current) {
        try {
            java.util.Optional<Outcome> base = of(baseline);
            java.util.Optional<Outcome> now = of(current);
            if (base.isEmpty() || now.isEmpty()) return java.util.Optional.empty();
            double b = base.get().nearestNanos();
            double c = now.get().nearestNanos();
            boolean apart = CoreDistance.fartherThan(Math.max(b, c), Math.min(b, c));
            return java.util.Optional.of(String.format(Locale.ROOT, "CPU placement (cpu.distance.ns, nearest per run): baseline %.0f ns"
                    + " (%d of %d forks far), current %.0f ns (%d of %d forks far).%s", b, base.get().farForks(), base.get().forks(),
                    c, now.get().farForks(), now.get().forks(), apart ? " **The runs measured different CPU placements**: on a VM"
                    + " whose host placed the driver's and server's CPUs apart, loopback costs ~25% more per echo by itself;"
                    + " absolute figures are not comparable, relative ones mostly are (docs/statistics.md)." : ""));
        } catch (ResultsException e) {
            return java.util.Optional.empty();
        }
    }
}
