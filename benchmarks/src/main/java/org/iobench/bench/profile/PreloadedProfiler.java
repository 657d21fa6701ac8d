package org.iobench.bench.profile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import one.convert.Arguments;
import one.convert.JfrToFlame;

/**
 * A native server, profiled from inside: async-profiler cannot attach to a process without a JVM,
 * but it starts in any process that preloads it ({@code LD_PRELOAD} with the command in
 * {@code ASPROF_COMMAND}), and writes its recording when the process exits. So the server records
 * its whole life in JFR format, with a timestamp on every sample, and the flame graph is drawn from
 * the samples inside the measured window only (jfr-converter's {@code --from}/{@code --to}, in
 * epoch milliseconds of the same clock): the same HTML flame graph as a Java server's, over the same
 * window.
 *
 * <p>Native stacks are walked with DWARF unwind information ({@code cstack=dwarf}): the server is
 * built with -O2, which omits frame pointers, and the default walk stops at the libc call, losing
 * the server's own functions ({@code worker_run}, {@code connection_ready}, ...).
 *
 * <p>The preload is placed after {@code taskset}, so that only the server, not the pinning tool
 * that execs it, starts a profiler. SIGTERM and SIGINT are blocked from the start ({@code env
 * --block-signal}, GNU coreutils 8.31+): the server blocks them itself and takes them through a
 * signalfd, but only in the threads it creates after doing so, and the profiler's own thread starts
 * before {@code main}; a SIGTERM delivered there would kill the server (status 143) before it could
 * exit normally and write the recording.
 */
final class PreloadedProfiler extends ServerProfiler {
    private Path recording;
    private long windowStartMillis;
    private long windowEndMillis;

    PreloadedProfiler(ProfileEvent event, Path flameGraph, String implId) {
        super(event, flameGraph, implId);
    }

    @Override
    List<String> prefix(String cpuList) throws IOException {
        Path library = AsyncProfilerLibrary.path();
        recording = scratch().resolve("server.jfr");
        List<String> prefix = new ArrayList<>();
        if (cpuList != null && !cpuList.isBlank()) prefix.addAll(List.of("taskset", "-c", cpuList));
        prefix.addAll(List.of("env", "--block-signal=TERM", "--block-signal=INT", "LD_PRELOAD=" + library,
                "ASPROF_COMMAND=start," + eventOptions() + ",cstack=dwarf,jfr,file=" + recording));
        return prefix;
    }

    @Override
    void windowStarted(long pid) throws IOException {
        if (recording == null) throw new IOException("the server was not started with the profiler preloaded");
        if (windowStartMillis == 0) windowStartMillis = System.currentTimeMillis();
    }

    @Override
    void windowEnded(long pid) {
        windowEndMillis = System.currentTimeMillis();
    }

    @Override
    void exited() throws IOException {
        if (windowStartMillis == 0 || windowEndMillis == 0) throw new IOException("no measured window was recorded");
        if (!Files.isRegularFile(recording) || Files.size(recording) == 0) {
            throw new IOException("the server left no recording at " + recording
                    + " (it writes one when it exits normally; see its output)");
        }
        Path html = scratch().resolve("flamegraph.html");
        Arguments window = new Arguments(event.converterOption(), "--from", Long.toString(windowStartMillis),
                "--to", Long.toString(windowEndMillis), "--title", title(), "-o", "html");
        JfrToFlame.convert(recording.toString(), html.toString(), window);
        Files.createDirectories(flameGraph.getParent());
        Files.move(html, flameGraph, StandardCopyOption.REPLACE_EXISTING);
    }
}
