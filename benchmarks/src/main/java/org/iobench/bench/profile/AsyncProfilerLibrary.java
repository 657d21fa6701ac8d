package org.iobench.bench.profile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Properties;

/**
 * async-profiler's native library ({@code libasyncProfiler.so}), which its Maven Central jar
 * ({@code tools.profiler:async-profiler}, on the benchmarks' classpath) carries per platform.
 * A server process can only load it from a file, so it is extracted once per version to
 * {@code <java.io.tmpdir>/iobench-async-profiler-<version>/} and reused by every later fork.
 */
public final class AsyncProfilerLibrary {
    private static final String POM_PROPERTIES = "/META-INF/maven/tools.profiler/async-profiler/pom.properties";
    private static final String LIBRARY = "libasyncProfiler.so";

    private AsyncProfilerLibrary() {
    }

    /** The extracted library; an IOException saying why when this platform has none or the jar is missing. */
    public static Path path() throws IOException {
        String platform = platform();
        String resource = "/" + platform + "/" + LIBRARY;
        Path target = Path.of(System.getProperty("java.io.tmpdir"), "iobench-async-profiler-" + version(), platform, LIBRARY);
        try (InputStream in = AsyncProfilerLibrary.class.getResourceAsStream(resource)) {
            if (in == null) throw new IOException("async-profiler's " + resource + " is not on the classpath (tools.profiler:async-profiler)");
            if (Files.isRegularFile(target)) return target;
            Files.createDirectories(target.getParent());
            // another fork may extract at the same moment: each writes its own file, the move is atomic
            Path partial = Files.createTempFile(target.getParent(), LIBRARY, ".partial");
            try {
                Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(partial);
            }
        }
        return target;
    }

    /** The async-profiler version on the classpath, e.g. "4.2". */
    public static String version() throws IOException {
        try (InputStream in = AsyncProfilerLibrary.class.getResourceAsStream(POM_PROPERTIES)) {
            if (in == null) throw new IOException("async-profiler (tools.profiler:async-profiler) is not on the classpath");
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        }
    }

    /** The jar's folder for this machine: linux-x64 or linux-arm64. */
    static String platform() throws IOException {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch");
        if (os.startsWith("linux") && (arch.equals("amd64") || arch.equals("x86_64"))) return "linux-x64";
        if (os.startsWith("linux") && arch.equals("aarch64")) return "linux-arm64";
        throw new IOException("async-profiler's jar has no library for " + System.getProperty("os.name") + " " + arch);
    }
}
