package org.iobench.results.stats;

/** What the gate concludes about one figure. */
public enum GateOutcome {
    /** Worse by at least the threshold, and significant after the Benjamini–Hochberg correction. */
    REGRESSION,
    /** Better by at least the threshold, and significant after the correction. */
    IMPROVEMENT,
    /** The interval lies within ± the threshold: any change is smaller than what the gate cares about. */
    NO_CHANGE,
    /** Too few rounds, or too noisy to tell a change of the threshold's size from none; the reason says which. */
    INCONCLUSIVE
}
