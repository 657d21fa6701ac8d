package org.iobench.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.iobench.api.Settings;

/**
 * A run's folder, {@code results/<yyyy-mm-dd>-<hostname>/} ({@code -2}, {@code -3}, ... when taken),
 * holding {@code jmh.json} and {@code env.properties}; its absolute path goes to the file named
 * by {@link Settings#LAST_RUN_FILE} for the reports module (results contract). scripts/bench gives
 * every run a file of its own, so two runs at once never plot each other's folder.
 */
final class ResultsFolder {
    static final String JMH_JSON = "jmh.json";
    static final String ENV_FILE = "env.properties";
    /** Per-invocation JMH files before they are joined into jmh.json (git-ignored: results/*&#47;tmp/). */
    static final String PARTS_DIR = "tmp";
    /** One HdrHistogram interval log per round and trial (r01-t007.hlog), each iteration one interval. */
    static final String HISTOGRAMS_DIR = "histograms";

    private ResultsFolder() {
    }

    /** Creates the next free folder; the exception's message says where and why not (NIO's names only the path). */
    static Path create(Path resultsRoot, LocalDate date, String hostname) throws IOException {
        try {
            if (Files.exists(resultsRoot) && !Files.isDirectory(resultsRoot)) throw new NotDirectoryException(resultsRoot.toString());
            Files.createDirectories(resultsRoot);
            for (int n = 1; n < 1000; n++) {
                Path folder = resultsRoot.resolve(folderName(date, hostname, n));
                try {
                    return Files.createDirectory(folder);
                } catch (FileAlreadyExistsException taken) {
                    // try the next suffix
                }
            }
        } catch (IOException e) {
            throw new IOException("cannot create a run folder under " + resultsRoot + ": " + why(e), e);
        }
        throw new IOException("no free run folder name under " + resultsRoot);
    }

    /** The reason in words: NIO's exceptions often carry only the path. */
    static String why(IOException e) {
        if (e instanceof FileSystemException fs) {
            String reason = fs.getReason() != null ? fs.getReason()
                    : e instanceof AccessDeniedException ? "permission denied"
                    : e instanceof NoSuchFileException ? "no such file or folder"
                    : e instanceof NotDirectoryException ? "not a folder"
                    : e instanceof FileAlreadyExistsException ? "a file of that name is in the way"
                    : e.getClass().getSimpleName();
            return reason + (fs.getFile() != null ? " (" + fs.getFile() + ")" : "");
        }
        return e.getMessage();
    }

    static String folderName(LocalDate date, String hostname, int n) {
        String host = hostname.replaceAll("[^A-Za-z0-9._-]", "_");
        return date + "-" + host + (n > 1 ? "-" + n : "");
    }

    /** Where the run folder's path goes: the setting, else the checkout's benchmarks/target/last-run.txt. */
    static Path lastRunFile(Path home) {
        String configured = Settings.LAST_RUN_FILE.value().strip();
        return configured.isEmpty() ? home.resolve("benchmarks/target/last-run.txt") : Path.of(configured);
    }

    static void recordLastRun(Path file, Path folder) throws IOException {
        if (file.getParent() != null) Files.createDirectories(file.getParent());
        Files.writeString(file, folder.toAbsolutePath().normalize() + "\n");
    }
}
