package org.iobench.results;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The chart library report.html runs: ECharts from its webjar, copied once beside the run folders
 * ({@code <run>/../assets/}) rather than into each, so that results/ holds one copy for every committed
 * run while a run folder anywhere else still opens offline (its parent gets its own copy). An existing
 * copy is kept: the file name carries the version, so a different version never overwrites it.
 */
final class ChartLibrary {

    static final String VERSION = "5.3.1";
    static final String DIR = "assets";
    static final String FILE = "echarts-" + VERSION + ".min.js";
    /** How report.html names it, relative to the run folder. */
    static final String FROM_RUN = "../" + DIR + "/" + FILE;
    private static final String WEBJAR = "/META-INF/resources/webjars/echarts/" + VERSION + "/";
    /** ECharts' licence (Apache 2.0) travels with the copy. */
    private static final String LICENSE_FILE = "echarts-" + VERSION + ".LICENSE";

    private ChartLibrary() {
    }

    /** Copies the library (and its licence) beside {@code runDir} when missing; returns the library's path. */
    static Path ensureBeside(Path runDir) throws IOException {
        Path assets = runDir.toAbsolutePath().normalize().resolveSibling(DIR);
        Path library = assets.resolve(FILE);
        try {
            Files.createDirectories(assets);
            copyIfMissing(WEBJAR + "LICENSE", assets.resolve(LICENSE_FILE));
            copyIfMissing(WEBJAR + "dist/echarts.min.js", library);
        } catch (IOException e) { // e.g. a read-only parent: say which file report.html needs, and where
            throw new IOException("report.html needs " + library + " (the chart library, shared by the run folders beside it): "
                    + e.getClass().getSimpleName() + " " + e.getMessage(), e);
        }
        return library;
    }

    private static void copyIfMissing(String resource, Path target) throws IOException {
        if (Files.isRegularFile(target)) return;
        try (InputStream in = ChartLibrary.class.getResourceAsStream(resource)) {
            if (in == null) throw new IOException("the ECharts webjar is not on the classpath (" + resource + ")");
            Path partial = target.resolveSibling(target.getFileName() + ".partial");
            Files.copy(in, partial, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
    }
}
