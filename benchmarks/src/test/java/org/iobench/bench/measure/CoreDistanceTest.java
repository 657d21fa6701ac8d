package org.iobench.bench.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.iobench.api.IobenchHome;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class CoreDistanceTest {

    @Test
    void readsTheProbesRoundTrip() {
        assertEquals(391.5, CoreDistance.parse("iobench-core-distance: cpus=0,1 round_trip_ns=391.5 min_ns=380.2 max_ns=402.0")
                .orElseThrow());
        assertTrue(CoreDistance.parse("iobench-core-distance: --cpus needs A,B (see --help)").isEmpty());
    }

    @Test
    void anotherPlacementIsMoreThanTwiceTheNearest() {
        assertTrue(CoreDistance.fartherThan(390, 95));
        assertFalse(CoreDistance.fartherThan(120, 95));   // the probe's spread within one placement
    }

    @Test
    void nothingToMeasureWithoutTwoCpusOrTheProbe() {
        Path probe = IobenchHome.coreDistanceProbe();
        assertTrue(CoreDistance.between(List.of(0), List.of(0), probe).isEmpty(), "one CPU for both sides");
        assertTrue(CoreDistance.between(List.of(0), List.of(1), Path.of("/nonexistent/iobench-core-distance")).isEmpty());
        assertTrue(CoreDistance.between(List.of(), List.of(1), probe).isEmpty());
    }

    @Test
    void measuresARoundTripBetweenTwoCpus() {
        Path probe = IobenchHome.coreDistanceProbe();
        Assumptions.assumeTrue(Files.isExecutable(probe), "the native probe is not built (no C compiler)");
        Assumptions.assumeTrue(Runtime.getRuntime().availableProcessors() >= 2, "needs two CPUs");
        double nanos = CoreDistance.between(List.of(0), List.of(1), probe).orElseThrow().measureNanos();
        // a cache line's round trip between two cores: tens to hundreds of ns on any machine; a preempted
        // batch can add, the median of seven does not move far
        assertTrue(nanos > 5 && nanos < 100_000, "round trip " + nanos + " ns");
    }

    @Test
    void aCpuThatCannotBeUsedGivesNaNNotAnException() {
        Path probe = IobenchHome.coreDistanceProbe();
        Assumptions.assumeTrue(Files.isExecutable(probe), "the native probe is not built (no C compiler)");
        assertTrue(Double.isNaN(CoreDistance.between(List.of(0), List.of(1023), probe).orElseThrow().measureNanos()));
    }
}
