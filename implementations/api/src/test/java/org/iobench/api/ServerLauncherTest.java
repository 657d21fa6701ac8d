package org.iobench.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The launcher prefix: how the server's command is wrapped, and quoted for ssh. */
class ServerLauncherTest {

    @Test
    void noLauncherLeavesTheCommandAsItIs() {
        ServerLauncher none = ServerLauncher.parse("  ");
        assertTrue(none.isEmpty());
        assertEquals(List.of("java", "-cp", "lib/*"), none.serverCommand(List.of("java", "-cp", "lib/*")));
    }

    @Test
    void anExecLauncherGetsTheWordsAsTheyAreBehindThePidLine() {
        ServerLauncher netns = ServerLauncher.parse("ip netns exec iobench-srv");
        assertFalse(netns.isRemoteShell());
        List<String> command = netns.serverCommand(List.of("taskset", "-c", "1", "server"));
        assertEquals(List.of("ip", "netns", "exec", "iobench-srv", "sh", "-c"), command.subList(0, 6));
        assertEquals(List.of("sh", "taskset", "-c", "1", "server"), command.subList(7, command.size()));
    }

    @Test
    void sshGetsOneStringWhoseWordsTheRemoteShellReadsBackUnchanged() throws Exception {
        ServerLauncher ssh = ServerLauncher.parse("/usr/bin/ssh -p 2222 root@10.203.0.1");
        assertTrue(ssh.isRemoteShell());
        List<String> tricky = List.of("java", "-cp", "/opt/iobench/lib/*", "it's", "a b", "$HOME", "", "\"q\"", "x;y", "--bind=::1");
        List<String> command = ssh.command(tricky);
        assertEquals(List.of("/usr/bin/ssh", "-p", "2222", "root@10.203.0.1"), command.subList(0, 4));
        assertEquals(5, command.size(), "ssh gets the command as one word: " + command);
        // what the remote shell does with that string: each word comes back as it was
        assertEquals(tricky, wordsAsShellReadsThem(command.get(4)));
    }

    @Test
    void theWrappedServerPrintsItsPidAndThenIsThatProcess() throws Exception {
        // with "sh" as the server: it prints the pid line, then (exec'd in place) its own $$, the same number
        ServerLauncher launcher = ServerLauncher.parse("env");
        List<String> command = launcher.serverCommand(List.of("sh", "-c", "echo $$"));
        List<String> lines = run(command).lines().toList();
        assertEquals(2, lines.size(), lines.toString());
        assertEquals(ServerLauncher.PID_LINE_PREFIX + lines.get(1), lines.get(0));
    }

    private static List<String> wordsAsShellReadsThem(String commandLine) throws IOException, InterruptedException {
        // printf repeats its format per argument; a marker shows empty words too
        String out = run(List.of("sh", "-c", "printf '<%s>\\n' " + commandLine.substring(commandLine.indexOf(' ') + 1)));
        List<String> words = new ArrayList<>(List.of(commandLine.substring(0, commandLine.indexOf(' '))));
        for (String line : out.split("\n")) words.add(line.substring(1, line.length() - 1));
        return words;
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(10, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), out);
        return out;
    }
}
