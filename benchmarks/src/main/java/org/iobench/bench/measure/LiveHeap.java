package org.iobench.bench.measure;

import java.io.IOException;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * What a HotSpot JVM's heap holds alive: a full collection ({@code jcmd GC.run}), then the sum of
 * its spaces' used bytes ({@code sun.gc.generation.<g>.space.<s>.used} in its perf counters, which
 * the collection has just brought up to date). With a fixed, pre-touched heap, RSS cannot show what
 * a connection keeps on the heap; this can. The collection stops the server, so it is taken only
 * where nothing is measured: at the idle baseline and after the last measured iteration.
 */
public final class LiveHeap {
    private static final Pattern SPACE_USED = Pattern.compile("sun\\.gc\\.generation\\.\\d+\\.space\\.\\d+\\.used");

    private LiveHeap() {
    }

    /**
     * Live heap bytes after a full GC, or empty when the process publishes no perf counters: not a
     * HotSpot JVM of this user (a launcher such as ssh, whom the attach's SIGQUIT would kill), or a
     * JVM run with -XX:-UsePerfData; or when its collector has no space counters.
     */
    public static OptionalLong afterFullGc(long pid) throws IOException {
        if (HotSpotPerfData.read(pid).isEmpty()) return OptionalLong.empty();
        HotSpotAttach.jcmd(pid, "GC.run");
        HotSpotPerfData counters = HotSpotPerfData.read(pid).orElse(null);
        return counters == null ? OptionalLong.empty() : usedBytes(counters);
    }

    /** The sum of the spaces' used bytes, or empty when there are none. */
    static OptionalLong usedBytes(HotSpotPerfData counters) {
        long used = 0;
        boolean any = false;
        for (String name : counters.longNames()) {
            if (SPACE_USED.matcher(name).matches()) {
                used += counters.longValue(name).orElse(0L);
                any = true;
            }
        }
        return any ? OptionalLong.of(used) : OptionalLong.empty();
    }
}
