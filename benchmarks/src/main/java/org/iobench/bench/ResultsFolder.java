package org.iobench.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A run's folder, {@code results/<yyyy-mm-dd>-<hostname>/} ({@code -2}, {@code -3}, ... when taken),
 * holding {@code jmh.json} and {@code env.properties}; its absolute path goes to
 * {@code benchmarks/target/last-run.txt} for the reports module (results contract).
 */
final class ResultsFolder {
    static final String JMH_JSON = "jmh.json";
    static final String ENV_FILE = "env.properties";
    /** Per-invocation JMH files before they are joined into jmh.json (git-ignored: results/*&#47;tmp/). */
    static final String PARTS_DIR = "tmp";

    private ResultsFolder() {
    }

    static Path create(Path resultsRoot, LocalDate date, String hostname) throws IOException {
        Files.createDirectories(resultsRoot);
        for (int n = 1; n < 1000; n++) {
            Path folder = resultsRoot.resolve(folderName(date, hostname, n));
            try {
                return Files.createDirectory(folder);
            } catch (FileAlreadyExistsException taken) {
                // try the next suffix
            }
        }
        throw new IOException("no free run folder name under " + resultsRoot);
    }

    static String folderName(LocalDate date, String hostname, int n) {
        String host = hostname.replaceAll("[^A-Za-z0-9._-]", "_");
        return date + "-" + host + (n > 1 ? "-" + n : "");
    }

    static Path recordLastRun(Path home, Path folder) throws IOException {
        Path file = home.resolve("benchmarks/target/last-run.txt");
        Files.createDirectories(file.getParent());
        Files.writeString(file, folder.toAbsolutePath().normalize() + "\n");
        return file;
    }

    /** Joins the invocations' JSON arrays into one array, each result as JMH wrote it. */
    static void joinJson(List<Path> parts, Path out) throws IOException {
        List<Path> written = parts.stream().filter(Files::exists).toList();
        if (written.size() == 1) {
            Files.copy(written.get(0), out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return;
        }
        List<String> texts = new ArrayList<>();
        for (Path part : written) texts.add(Files.readString(part, StandardCharsets.UTF_8));
        Files.writeString(out, joinJsonArrays(texts), StandardCharsets.UTF_8);
    }

    static String joinJsonArrays(List<String> arrays) {
        List<String> bodies = new ArrayList<>();
        for (String array : arrays) {
            String t = array.strip();
            if (!t.startsWith("[") || !t.endsWith("]")) throw new IllegalArgumentException("not a JSON array: " + abbreviate(t));
            String body = t.substring(1, t.length() - 1).strip();
            if (!body.isEmpty()) bodies.add(body);
        }
        return bodies.isEmpty() ? "[\n]\n" : "[\n    " + String.join(",\n    ", bodies) + "\n]\n";
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 60) + "...";
    }
}
