package org.iobench.bench.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerProfilerTest {
    @TempDir
    Path run;

    @Test
    void eachKindOfServerGetsItsWayOfBeingProfiled() {
        Path html = run.resolve("profiles/x-fork1.html");
        assertInstanceOf(AttachedProfiler.class, ServerProfiler.of(ProfileEvent.ALLOC, true, "virtual", html));
        assertInstanceOf(PreloadedProfiler.class, ServerProfiler.of(ProfileEvent.WALL, false, "native-epoll-et", html));
        assertInstanceOf(ServerProfiler.Unsupported.class, ServerProfiler.of(ProfileEvent.LOCK, false, "native-epoll-et", html));
    }

    @Test
    void aJavaOnlyEventOnANativeServerLeavesAReasonInsteadOfAFlameGraph() throws IOException {
        Path html = run.resolve("profiles/throughput-native-epoll-et-c10-64B-depth1-fork1.html");
        ServerProfiler profiler = ServerProfiler.of(ProfileEvent.ALLOC, false, "native-epoll-et", html);
        assertNull(profiler.launchPrefix("1"), "started as usual");
        profiler.measuredWindowStarted(1);
        profiler.measuredWindowEnded(1);
        profiler.serverExited();
        assertFalse(Files.exists(html));
        assertEquals("no alloc flame graph for native-epoll-et: async-profiler's alloc event samples Java heap allocations,"
                + " which a native server does not have", Files.readString(FlameGraphFile.reasonFor(html)).strip());
    }

    @Test
    void aNativeServerStartsPinnedBehindThePreloadWithItsStopSignalsBlocked() throws IOException {
        Path html = run.resolve("profiles/x-fork1.html");
        ServerProfiler profiler = ServerProfiler.of(ProfileEvent.CPU, false, "native-epoll-et", html);
        var prefix = profiler.launchPrefix("1");
        assertEquals(java.util.List.of("taskset", "-c", "1", "env", "--block-signal=TERM", "--block-signal=INT"), prefix.subList(0, 6));
        assertEquals("LD_PRELOAD=" + AsyncProfilerLibrary.path(), prefix.get(6));
        String command = prefix.get(7);
        assertEquals("ASPROF_COMMAND=start,event=cpu,interval=1ms,cstack=dwarf,jfr,file=", command.substring(0, command.indexOf("file=") + 5));
        assertFalse(command.substring(command.indexOf("file=")).contains(","), "a comma in the path would split the options");
        Path recording = Path.of(command.substring(command.indexOf("file=") + 5));
        assertTrue(Files.isDirectory(recording.getParent()));
        profiler.serverExited();
        assertFalse(Files.exists(recording.getParent()), "the scratch folder is removed once the server has exited");
    }

    @Test
    void aNativeServerThatLeavesNoRecordingGetsAReason() throws IOException {
        Path html = run.resolve("profiles/x-fork1.html");
        ServerProfiler profiler = ServerProfiler.of(ProfileEvent.CPU, false, "native-epoll-et", html);
        profiler.launchPrefix(null);
        profiler.measuredWindowStarted(1);
        profiler.measuredWindowEnded(1);
        profiler.serverExited();
        assertFalse(Files.exists(html));
        String reason = Files.readString(FlameGraphFile.reasonFor(html));
        assertEquals("no cpu flame graph for native-epoll-et: the server left no recording at", reason.substring(0, reason.indexOf(" at ") + 3));
    }

    @Test
    void aJavaServerWhoseTrialFailedBeforeItsWindowEndedGetsAReason() throws IOException {
        Path html = run.resolve("profiles/throughput-virtual-c10-64B-depth1-fork1.html");
        ServerProfiler profiler = ServerProfiler.of(ProfileEvent.CPU, true, "virtual", html);
        assertNull(profiler.launchPrefix(null), "a JVM is started as usual and attached to later");
        profiler.serverExited();
        assertEquals("no cpu flame graph for virtual: the trial ended before its last measured iteration did",
                Files.readString(FlameGraphFile.reasonFor(html)).strip());
    }
}
