package org.iobench.results;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code scripts/plot <run-dir> [<other-run-dir> ...]} and {@code --last-run <file>} (used by
 * {@code mvn verify -Pbench}: the file names the run folder). Writes into the first run's folder:
 * summary.csv, summary.md, report.html (and the chart library beside the run folder, in ../assets/, when
 * missing), charts/*.png and the github-action-benchmark JSON files. Other runs are
 * overlaid (dashed) on the throughput charts. Exit 0 when drawn, 2 on unusable input; with
 * {@code --require-valid} (used by {@code mvn verify -Pbench}), 1 after drawing a run that is not valid.
 */
public final class PlotMain {

    static final String USAGE = "usage: plot [--require-valid] <run-dir> [<other-run-dir> ...]"
            + " | plot [--require-valid] --last-run <file naming a run-dir>";
    /** Exit status when --require-valid was given and the run is invalid or incomplete (its reports are drawn). */
    static final int NOT_VALID = 1;

    private PlotMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        // Charts are drawn off-screen; without this a machine with no display fails inside AWT.
        System.setProperty("java.awt.headless", "true");
        try {
            boolean requireValid = args.length > 0 && args[0].equals("--require-valid");
            List<Path> dirs = runDirs(requireValid ? Arrays.copyOfRange(args, 1, args.length) : args);
            List<RunDir> runs = new ArrayList<>();
            for (Path dir : dirs) {
                runs.add(RunDir.load(dir));
            }
            RunDir main = runs.getFirst();
            warnOfDifferentPresets(runs, err);
            Path chartsDir = main.dir().resolve(Charts.DIR);
            SummaryCsv.write(main.results(), main.dir());
            List<Path> charts = Charts.write(runs, chartsDir);
            MarkdownSummary.write(main, chartsDir);
            HtmlReport.write(main, chartsDir);
            ActionBenchmarkExport.write(main.results(), main.dir());
            BencherExport.write(main, main.dir());
            out.println("iobench plot: " + main.results().size() + " results -> " + main.dir().resolve(SummaryCsv.FILE)
                    + ", " + MarkdownSummary.FILE + ", " + HtmlReport.FILE + ", " + charts.size() + " charts (png) in " + chartsDir
                    + ", " + ActionBenchmarkExport.BIGGER_FILE + ", " + ActionBenchmarkExport.SMALLER_FILE + ", " + BencherExport.FILE);
            if (!main.validity().valid()) {
                err.println("iobench plot: " + (requireValid ? "" : "warning: ") + "the run is " + main.validity().headline()
                        + " (" + MarkdownSummary.FILE + " opens with the list)");
                if (requireValid) return NOT_VALID;
            }
            return CompareMain.OK;
        } catch (ResultsException unusable) {
            err.println("iobench plot: " + unusable.getMessage());
            return CompareMain.UNUSABLE;
        } catch (IOException e) {
            err.println("iobench plot: cannot write results: " + e.getMessage());
            return CompareMain.UNUSABLE;
        }
    }

    /** Overlaid runs of other presets ran other iterations and matrices: drawn, but never without a word. */
    private static void warnOfDifferentPresets(List<RunDir> runs, PrintStream err) {
        String mainPreset = runs.getFirst().env("preset");
        for (RunDir other : runs.subList(1, runs.size())) {
            if (!other.env("preset").equals(mainPreset)) {
                err.println("iobench plot: warning: overlaying " + other.name() + " (preset '" + other.env("preset")
                        + "') on " + runs.getFirst().name() + " (preset '" + mainPreset
                        + "'): different iterations and matrices, compare the curves with care");
            }
        }
    }

    private static List<Path> runDirs(String[] args) throws ResultsException, IOException {
        if (args.length == 0 || args[0].equals("-h") || args[0].equals("--help")) {
            throw new ResultsException(USAGE);
        }
        if (args[0].equals("--last-run")) {
            if (args.length != 2) {
                throw new ResultsException(USAGE);
            }
            Path file = Path.of(args[1]);
            if (!Files.isRegularFile(file)) {
                throw new ResultsException("no " + file + ": run the benchmarks first (mvn verify -Pbench)");
            }
            String dir = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (dir.isEmpty()) {
                throw new ResultsException(file + " is empty: the last benchmark run recorded no folder");
            }
            return List.of(Path.of(dir));
        }
        List<Path> dirs = new ArrayList<>();
        for (String arg : args) {
            if (arg.startsWith("--")) {
                throw new ResultsException("unknown option " + arg + "; " + USAGE);
            }
            dirs.add(Path.of(arg));
        }
        return dirs;
    }
}
