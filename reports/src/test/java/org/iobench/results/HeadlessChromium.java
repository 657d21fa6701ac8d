package org.iobench.results;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders a page in headless Chromium (Debian's {@code chromium}) and reads back what its script left:
 * the body's attributes after the scripts ran ({@code --dump-dom}) and the console's errors (Chromium
 * logs console messages to stderr with {@code --enable-logging=stderr}).
 */
final class HeadlessChromium {

    private static final List<String> EXECUTABLES = List.of("chromium", "chromium-browser", "google-chrome");
    /** Scripts and timers get this much virtual time; a real second is far more than the report needs. */
    private static final int VIRTUAL_TIME_BUDGET_MILLIS = 5_000;
    private static final long TIMEOUT_SECONDS = 60;
    private static final Pattern BODY = Pattern.compile("<body([^>]*)>");
    private static final Pattern ATTRIBUTE = Pattern.compile("([\\w-]+)=\"([^\"]*)\"");
    private static final Pattern SVG = Pattern.compile("<svg[\\s>]");

    /** What the page showed: its body's attributes, how many SVG drawings it holds, and its console's errors. */
    record Rendering(Map<String, String> body, int svgCount, List<String> consoleErrors) {
        String attribute(String name) {
            return body.getOrDefault(name, "");
        }
    }

    private HeadlessChromium() {
    }

    /** The browser on PATH, if any. */
    static Optional<Path> find() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String name : EXECUTABLES) {
            for (String dir : path.split(File.pathSeparator)) {
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate)) return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    static Rendering render(Path browser, Path page, Path scratch) throws IOException, InterruptedException {
        Path stdout = scratch.resolve("dom.html");
        Path stderr = scratch.resolve("chromium.log");
        Process process = new ProcessBuilder(browser.toString(), "--headless", "--disable-gpu", "--no-sandbox",
                "--user-data-dir=" + scratch.resolve("profile"), "--enable-logging=stderr", "--v=0",
                "--virtual-time-budget=" + VIRTUAL_TIME_BUDGET_MILLIS, "--dump-dom", page.toUri().toString())
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new IOException(browser + " did not finish rendering " + page + " within " + TIMEOUT_SECONDS + " s");
        }
        String dom = Files.readString(stdout, StandardCharsets.UTF_8);
        Matcher body = BODY.matcher(dom);
        if (!body.find()) {
            throw new IOException(browser + " printed no page for " + page + " (exit " + process.exitValue() + "): "
                    + Files.readString(stderr, StandardCharsets.UTF_8));
        }
        Map<String, String> attributes = new TreeMap<>();
        Matcher attribute = ATTRIBUTE.matcher(body.group(1));
        while (attribute.find()) attributes.put(attribute.group(1), attribute.group(2));
        List<String> errors = Files.readAllLines(stderr, StandardCharsets.UTF_8).stream()
                .filter(line -> line.contains(":CONSOLE") && (line.contains("Uncaught") || line.contains("Error")))
                .toList();
        return new Rendering(attributes, (int) SVG.matcher(dom).results().count(), errors);
    }
}
