package org.iobench.results;

/** What the gate concludes about one figure of one benchmark x params, baseline vs current. */
public enum Verdict {
    /** Within the threshold. */
    OK("ok"),
    /** Beyond the threshold in the good direction, intervals disjoint. */
    IMPROVED("improved"),
    /** Beyond the threshold in the bad direction, intervals disjoint: the only verdict that fails the gate. */
    REGRESSION("REGRESSION"),
    /** Beyond the threshold, but the 99.9% intervals overlap: not distinguishable from run-to-run noise. */
    NOISE("noise"),
    /** Beyond the threshold in the bad direction, but a run had one iteration, so no interval: cannot confirm. */
    NO_INTERVAL("unconfirmed (no CI)"),
    /** The baseline figure is 0 or not a number, so a relative change means nothing. */
    NOT_COMPARABLE("n/a");

    public final String label;

    Verdict(String label) {
        this.label = label;
    }
}
