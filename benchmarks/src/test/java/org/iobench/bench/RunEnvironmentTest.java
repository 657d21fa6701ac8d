package org.iobench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunEnvironmentTest {

    @Test
    void anUncommittedRunFolderDoesNotMakeTheTreeDirtyButAChangedFileDoes(@TempDir Path repo) throws Exception {
        Files.writeString(repo.resolve("Server.java"), "class Server {}\n");
        git(repo, "init", "-q");
        git(repo, "add", "Server.java");
        git(repo, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "first");
        Files.createDirectories(repo.resolve("results/2026-11-28-vm"));
        Files.writeString(repo.resolve("results/2026-11-28-vm/summary.md"), "an earlier run\n");

        String clean = RunEnvironment.gitStatus(repo);
        assertEquals("false", RunEnvironment.dirty(clean));
        assertEquals("", RunEnvironment.dirtyPaths(clean));

        Files.writeString(repo.resolve("Server.java"), "class Server { int changed; }\n");
        Files.writeString(repo.resolve("New.java"), "class New {}\n");
        String changed = RunEnvironment.gitStatus(repo);
        assertEquals("true", RunEnvironment.dirty(changed));
        assertEquals("New.java, Server.java", String.join(", ",
                List.of(RunEnvironment.dirtyPaths(changed).split(", ")).stream().sorted().toList()));
    }

    @Test
    void manyChangedPathsAreCutShortWithACount() {
        StringBuilder status = new StringBuilder();
        for (int i = 0; i < 12; i++) status.append(" M src/F").append(i).append(".java\n");
        assertEquals("true", RunEnvironment.dirty(status.toString()));
        assertEquals("src/F0.java, src/F1.java, src/F2.java, src/F3.java, src/F4.java, src/F5.java, src/F6.java, "
                + "src/F7.java, src/F8.java, src/F9.java and 2 more", RunEnvironment.dirtyPaths(status.toString()));
    }

    @Test
    void withoutGitTheStateIsUnknown() {
        assertEquals("unknown", RunEnvironment.dirty("unknown (no git)"));
        assertEquals("", RunEnvironment.dirtyPaths("unknown (no git)"));
    }

    private static void git(Path repo, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("git", "-C", repo.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) throw new IOException(String.join(" ", command) + ": " + out);
    }
}
