package org.iobench.results;

import java.util.List;

/**
 * One implementation's figures in one chart: its points (one per connection count), the legend label,
 * and which run they come from (0 = the run being plotted, drawn solid; others dashed, for comparison).
 */
record ChartLine(String label, String impl, int runIndex, List<ChartPoint> points) {
}
