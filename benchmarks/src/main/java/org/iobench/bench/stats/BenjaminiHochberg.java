package org.iobench.bench.stats;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * The Benjamini–Hochberg step-up procedure (1995): of m hypotheses judged at once, reject those with the
 * k smallest p-values, where k is the largest rank with p(k) ≤ k·q/m. It keeps the expected share of
 * false discoveries among the figures flagged at or below q (for independent or positively dependent
 * tests), without the loss of power of a Bonferroni correction, which would guard every single figure
 * at q/m. When no figure changed at all, it keeps the chance of any false alarm at q.
 */
public final class BenjaminiHochberg {

    private BenjaminiHochberg() {
    }

    /** Which hypotheses are rejected at false discovery rate q; NaN p-values are never rejected. */
    public static boolean[] rejected(double[] pValues, double q) {
        if (!(q > 0 && q < 1)) throw new IllegalArgumentException("false discovery rate must be in (0, 1): " + q);
        int m = pValues.length;
        Integer[] byP = IntStream.range(0, m).boxed().toArray(Integer[]::new);
        Arrays.sort(byP, Comparator.comparingDouble(i -> Double.isNaN(pValues[i]) ? 2 : pValues[i]));
        int largestRank = 0;
        for (int rank = 1; rank <= m; rank++) {
            if (pValues[byP[rank - 1]] <= rank * q / m) largestRank = rank;
        }
        boolean[] rejected = new boolean[m];
        for (int rank = 1; rank <= largestRank; rank++) rejected[byP[rank - 1]] = true;
        return rejected;
    }
}
