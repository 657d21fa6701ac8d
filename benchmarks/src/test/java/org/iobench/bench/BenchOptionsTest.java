package org.iobench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.iobench.bench.profile.ProfileEvent;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {

    @Test
    void defaultsToTheStandardPresetEveryImplementationAndALocalServer() throws Exception {
        BenchOptions o = BenchOptions.parse(new String[0], Map.of());
        assertEquals(Preset.STANDARD, o.preset());
        assertEquals(List.of(), o.impls());
        assertNull(o.target());
        assertEquals(List.of(), o.jmhArgs());
    }

    @Test
    void commandLineWinsOverSystemProperties() throws Exception {
        BenchOptions o = BenchOptions.parse(new String[] {"--preset", "quick", "--impls", "blocking, virtual,blocking"},
                Map.of("bench.preset", "full", "bench.impls", "nio-selector"));
        assertEquals(Preset.QUICK, o.preset());
        assertEquals(List.of("blocking", "virtual"), o.impls());
    }

    @Test
    void systemPropertiesAreWhatMavenPasses() throws Exception {
        BenchOptions o = BenchOptions.parse(new String[0],
                Map.of("bench.preset", "smoke", "bench.args", " -wi 1  -i 2 ", "bench.target", "127.0.0.1:9000"));
        assertEquals(Preset.SMOKE, o.preset());
        assertEquals(List.of("-wi", "1", "-i", "2"), o.jmhArgs());
        assertEquals("127.0.0.1:9000", o.targetText());
    }

    @Test
    void everythingAfterTheDoubleDashGoesToJmhAfterTheProperty() throws Exception {
        BenchOptions o = BenchOptions.parse(new String[] {"--preset", "smoke", "--", "-f", "2", "--preset"},
                Map.of("bench.args", "-wi 3"));
        assertEquals(List.of("-wi", "3", "-f", "2", "--preset"), o.jmhArgs());
    }

    @Test
    void theIobenchNamesAreTheSettingsAndTheOldBenchNamesStillWork() throws Exception {
        BenchOptions o = BenchOptions.parse(new String[0], Map.of("iobench.preset", "quick", "bench.preset", "full",
                "iobench.impls", "virtual", "iobench.args", "-i 2", "iobench.results.dir", "/tmp/r"));
        assertEquals(Preset.QUICK, o.preset(), "the iobench.* name wins over its old alias");
        assertEquals(List.of("virtual"), o.impls());
        assertEquals(List.of("-i", "2"), o.jmhArgs());
        assertEquals(java.nio.file.Path.of("/tmp/r"), o.resultsDir());
    }

    @Test
    void aTargetOffLoopbackNeedsAllowRemote() throws Exception {
        assertMessage("is not a loopback address; load goes off this machine only with --allow-remote", "--target", "192.0.2.1:7");
        assertMessage("does not resolve", "--target", "no-such-host.invalid:7");
        assertEquals("192.0.2.1:7", BenchOptions.parse(new String[] {"--target", "192.0.2.1:7", "--allow-remote"}, Map.of()).targetText());
        assertEquals("192.0.2.1:7", BenchOptions.parse(new String[] {"--target", "192.0.2.1:7"},
                Map.of("iobench.allow.remote", "true")).targetText());
        for (String loopback : List.of("127.0.0.1:7", "127.8.9.10:7", "[::1]:7", "localhost:7")) {
            assertEquals(7, BenchOptions.parse(new String[] {"--target", loopback}, Map.of()).target().getPort(), loopback);
        }
    }

    @Test
    void targetsParseWithIpv6Brackets() throws Exception {
        assertEquals(9000, BenchOptions.parseTarget("[::1]:9000").getPort());
        assertEquals("::1", BenchOptions.parseTarget("[::1]:9000").getHostString());
        assertEquals("[::1]:9000", BenchOptions.parse(new String[] {"--target", "[::1]:9000"}, Map.of()).targetText());
    }

    @Test
    void badInputIsAUsageErrorWithAMessage() {
        assertMessage("unknown preset", "--preset", "huge");
        assertMessage("unknown argument '-wi'", "-wi", "3");
        assertMessage("--impls needs a value", "--impls");
        assertMessage("host:port", "--target", "localhost");
        assertMessage("1..65535", "--target", "localhost:70000");
        assertMessage("must be a number", "--target", "localhost:http");
    }

    @Test
    void profileTakesAnAsyncProfilerEventFromTheCommandLineOrItsSetting() throws Exception {
        assertNull(BenchOptions.parse(new String[0], Map.of()).profile(), "not profiled unless asked");
        assertEquals(ProfileEvent.ALLOC, BenchOptions.parse(new String[] {"--profile", "alloc"}, Map.of()).profile());
        assertEquals(ProfileEvent.WALL, BenchOptions.parse(new String[0], Map.of("iobench.profile", "wall")).profile(),
                "what -Pbench passes");
        assertEquals(ProfileEvent.LOCK, BenchOptions.parse(new String[] {"--profile", "lock"}, Map.of("iobench.profile", "cpu")).profile());
        assertNull(BenchOptions.parse(new String[0], Map.of("iobench.profile", "")).profile(), "-Pbench's empty default");
    }

    @Test
    void aBadOrMisplacedProfileIsRefused() {
        assertMessage("--profile 'x' is not one of cpu|alloc|wall|lock", "--profile", "x");
        assertMessage("--profile 'CPU ' is not one of", "--profile", "CPU ");
        assertMessage("--profile needs a value", "--profile");
        assertMessage("with --target there is none", "--profile", "cpu", "--target", "127.0.0.1:9");
        assertMessage("--profile and --base exclude each other", "--profile", "cpu", "--base", System.getProperty("java.io.tmpdir"));
    }

    private static void assertMessage(String expected, String... args) {
        BenchOptions.UsageException e = assertThrows(BenchOptions.UsageException.class, () -> BenchOptions.parse(args, Map.of()));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
