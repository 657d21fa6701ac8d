package org.iobench.bench.profile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.iobench.bench.measure.HotSpotAttach;

/**
 * A Java server, profiled from outside: async-profiler is loaded into the running JVM as an agent
 * through the HotSpot attach mechanism ({@code jcmd <pid> JVMTI.agent_load <lib> "<options>"}, the
 * same socket {@link HotSpotAttach} uses for the live heap's full GC), started when the measured
 * window opens and stopped with an HTML flame graph when it closes; the JIT warm-up and the
 * driver's warm-up before it are not in the profile. (async-profiler sets the JVM's
 * {@code EnableDynamicAgentLoading} itself, so JDK 21+ prints no warning for it.)
 *
 * <p>The agent writes its file into the {@link #scratch()} folder, from where it is moved into the
 * run folder.
 */
final class AttachedProfiler extends ServerProfiler {
    /** HotSpot's reply to JVMTI.agent_load: the agent's Agent_OnAttach result, 0 = done. */
    private static final Pattern RETURN_CODE = Pattern.compile("return code: (-?\\d+)");

    private Path library;

    AttachedProfiler(ProfileEvent event, Path flameGraph, String implId) {
        super(event, flameGraph, implId);
    }

    @Override
    void windowStarted(long pid) throws IOException {
        if (library != null) return;
        library = AsyncProfilerLibrary.path();
        agent(pid, "start," + eventOptions());
    }

    @Override
    void windowEnded(long pid) throws IOException {
        if (library == null) throw new IOException("the measured window ended before it started");
        Path written = scratch().resolve("flamegraph.html");
        agent(pid, "stop,flamegraph,title=" + title() + ",file=" + written);
        if (!Files.isRegularFile(written)) throw new IOException("async-profiler stopped but wrote no " + written);
        Files.createDirectories(flameGraph.getParent());
        Files.move(written, flameGraph, StandardCopyOption.REPLACE_EXISTING);
    }

    /** One async-profiler command in the server; its messages go to a log file, quoted when it fails. */
    private void agent(long pid, String options) throws IOException {
        Path log = scratch().resolve("agent.log");
        // quoted: HotSpot's command parser would otherwise read "start,event=cpu" as a key=value pair
        String reply = HotSpotAttach.jcmd(pid, "JVMTI.agent_load \"" + library + "\" \"" + options + ",log=" + log + "\"");
        Matcher code = RETURN_CODE.matcher(reply);
        String said = Files.isRegularFile(log) ? Files.readString(log).strip().replace('\n', ' ') : "";
        Files.deleteIfExists(log);
        if (!code.find()) throw new IOException("unexpected reply to JVMTI.agent_load: " + reply.strip().replace('\n', ' '));
        if (!code.group(1).equals("0")) {
            throw new IOException("async-profiler refused '" + options + "' (return code " + code.group(1) + ")"
                    + (said.isEmpty() ? "" : ": " + said));
        }
    }
}
