package org.iobench.bench.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A real hsperfdata file of a JDK 25 G1 JVM after 86 young pauses and one System.gc(), with what
 * {@code jcmd <pid> PerfCounter.print} said about the same JVM at the same moment (idle: the GC
 * counters could not move in between). The parser must agree with the JDK's own reader.
 */
class HotSpotPerfDataTest {

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = HotSpotPerfDataTest.class.getResourceAsStream(name)) {
            if (in == null) throw new IOException("missing test resource " + name);
            return in.readAllBytes();
        }
    }

    private static final HotSpotPerfData SAMPLE = HotSpotPerfData.parse(sampleBytes());

    @Test
    void everyCounterAsJcmdPrintedIt() throws IOException {
        String jcmd = new String(resource("g1-jdk25.counters"), StandardCharsets.US_ASCII);
        int checked = 0;
        for (String line : jcmd.split("\n")) {
            int eq = line.indexOf('=');
            String name = line.substring(0, eq);
            String value = line.substring(eq + 1);
            if (value.startsWith("\"")) {
                assertEquals(Optional.of(value.substring(1, value.length() - 1)), SAMPLE.stringValue(name), name);
            } else {
                assertEquals(Optional.of(Long.parseLong(value)), SAMPLE.longValue(name), name);
            }
            checked++;
        }
        assertEquals(20, checked);
    }

    @Test
    void pausesAreTheSumOfThePauseCollectors() {
        GcPauses totals = GcPauses.of(SAMPLE).orElseThrow();
        assertEquals(162_829_035L + 12_188_479L, totals.pauseTicks()); // young + full; no concurrent-cycle pause yet
        assertEquals(87, totals.pauses());
        assertEquals(1_000_000_000L, totals.ticksPerSecond());
        GcPauses earlier = new GcPauses(162_829_035L, 86, 1_000_000_000L);
        assertEquals(12.188479, totals.millisSince(earlier), 1e-9);           // the System.gc() alone
        assertEquals(1, totals.pausesSince(earlier));
    }

    @Test
    void noFigureWithoutPauseCollectorsOrClock() {
        byte[] bytes = sampleBytes();
        // rename every "pauses" collector: what a collector that only reports cycles looks like
        String text = new String(bytes, StandardCharsets.ISO_8859_1).replace("pauses", "cycles");
        assertFalse(GcPauses.of(HotSpotPerfData.parse(text.getBytes(StandardCharsets.ISO_8859_1))).isPresent());
        assertTrue(GcPauses.of(SAMPLE).isPresent());
    }

    @Test
    void notPerfDataIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HotSpotPerfData.parse(new byte[64]));
        assertTrue(e.getMessage().contains("not a HotSpot perf data file"), e.getMessage());
    }

    @Test
    void aProcessWithoutCountersHasNone() throws IOException {
        // pid 1 is not a JVM of this user in any test environment
        assertFalse(HotSpotPerfData.read(1).isPresent());
    }

    @Test
    void thisJvmPublishesItsOwn() throws IOException {
        HotSpotPerfData own = HotSpotPerfData.read(ProcessHandle.current().pid()).orElseThrow();
        assertTrue(own.longValue("sun.os.hrt.frequency").orElseThrow() > 0);
        assertTrue(GcPauses.of(own).isPresent());
    }

    private static byte[] sampleBytes() {
        try {
            return resource("g1-jdk25.hsperfdata");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
