package org.iobench.results;

import com.google.gson.Gson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * report.html: one page per run folder that answers at a glance and opens offline. The verdict tables
 * ({@link VerdictTables}, the same as summary.md's), the heat maps (the PNGs in charts/), interactive
 * charts per panel ({@link ReportCharts}: hover for the value and its interval, click the legend to
 * toggle implementations), links to the server flame graphs in profiles/, and the environment.
 *
 * <p>Self-contained but for the chart library: the page's own script and its data (JSON, Gson's
 * HTML-safe escaping) are inline; ECharts is {@link ChartLibrary#FROM_RUN}, one copy shared by the run
 * folders beside it. The script marks the body {@code data-rendered="N"} once N charts drew with data
 * and {@code data-error} on any script error, for the headless-browser test and for a reader's console.
 */
public final class HtmlReport {

    public static final String FILE = "report.html";
    static final String PROFILES_DIR = "profiles";
    private static final String TEMPLATE = "report.html";
    private static final String SCRIPT = "report.js";

    private HtmlReport() {
    }

    public static Path write(RunDir run, Path chartsDir) throws IOException, ResultsException {
        ChartLibrary.ensureBeside(run.dir());
        Path file = run.dir().resolve(FILE);
        Files.writeString(file, page(run, chartsDir), StandardCharsets.UTF_8);
        return file;
    }

    static String page(RunDir run, Path chartsDir) throws IOException, ResultsException {
        String title = "iobench run " + run.name();
        return resource(TEMPLATE)
                .replace("{{title}}", escape(title))
                .replace("{{library}}", ChartLibrary.FROM_RUN)
                .replace("{{body}}", body(run, title, chartsDir))
                .replace("{{data}}", new Gson().toJson(ReportCharts.of(run))) // escapes <, > and &: safe in a script element
                .replace("{{script}}", resource(SCRIPT));
    }

    private static String body(RunDir run, String title, Path chartsDir) throws IOException {
        StringBuilder html = new StringBuilder();
        RunValidity validity = run.validity();
        html.append("<h1>").append(escape(title)).append("</h1>\n<p class=\"").append(validity.valid() ? "valid" : "invalid")
                .append("\">").append(escape("Run: " + validity.headline())).append(" (").append(run.results().size())
                .append(" results; summary.md has the details).</p>\n");
        if (!validity.valid()) { // every trial that makes the run unusable, as summary.md lists them
            html.append("<ul class=\"invalid\">\n");
            validity.incomplete().forEach(line -> html.append("<li>incomplete: ").append(escape(line)).append("</li>\n"));
            validity.invalid().forEach(line -> html.append("<li>INVALID: ").append(escape(line)).append("</li>\n"));
            html.append("</ul>\n");
        }
        verdict(run, html);
        heatmaps(run, chartsDir, html);
        html.append("<h2>Charts</h2>\n<p class=\"note\">Hover a point for its median and 95% interval;"
                + " click an implementation in a legend to hide or show it. ‡ interval wider than ±10% or disturbed,"
                + " † client-bound.</p>\n<div id=\"charts\"></div>\n");
        flameGraphs(run, html);
        environment(run, html);
        return html.toString();
    }

    private static void verdict(RunDir run, StringBuilder html) {
        html.append("<h2>Verdict</h2>\n");
        List<VerdictTables.Table> tables;
        try {
            tables = VerdictTables.of(run);
        } catch (ResultsException e) {
            html.append("<p>No verdict: ").append(escape(e.getMessage())).append("</p>\n");
            return;
        }
        if (tables.isEmpty()) html.append("<p>No workload ran two or more models at one connection count.</p>\n");
        for (VerdictTables.Table table : tables) {
            html.append("<h3>").append(escape(table.title())).append("</h3>\n<p class=\"note\">")
                    .append(escape(table.legend())).append("</p>\n<table class=\"verdict\">\n<tr>");
            table.columns().forEach(c -> html.append("<th>").append(escape(c)).append("</th>"));
            html.append("</tr>\n");
            for (VerdictTables.Row row : table.rows()) {
                html.append(row.best() ? "<tr class=\"best\">" : "<tr>").append("<td>")
                        .append(row.best() ? VerdictTables.BEST_MARK : "").append("</td>");
                row.cells().forEach(c -> html.append("<td>").append(escape(c)).append("</td>"));
                html.append("</tr>\n");
            }
            html.append("</table>\n");
        }
    }

    /** The heat maps drawn with the charts (PNG), in the panels' order, when there are any. */
    private static void heatmaps(RunDir run, Path chartsDir, StringBuilder html) {
        List<Path> maps = Stream.of(Charts.THROUGHPUT_BENCHMARK, Charts.LATENCY_BENCHMARK)
                .flatMap(benchmark -> Panel.of(run.results(), benchmark).stream())
                .map(panel -> chartsDir.resolve(ReferenceHeatmap.STEM + "-" + panel.slug() + ".png"))
                .filter(Files::isRegularFile).distinct().toList();
        if (maps.isEmpty()) return;
        html.append("<h2>Against the reference</h2>\n");
        for (Path map : maps) {
            String href = relative(run, map);
            html.append("<p><img class=\"heatmap\" alt=\"").append(escape(map.getFileName().toString())).append("\" src=\"")
                    .append(escape(href)).append("\"></p>\n");
        }
    }

    private static void flameGraphs(RunDir run, StringBuilder html) throws IOException {
        Path profiles = run.dir().resolve(PROFILES_DIR);
        List<Path> graphs = files(profiles, ".html");
        if (graphs.isEmpty()) return;
        html.append("<h2>Server flame graphs</h2>\n<ul>\n");
        for (Path graph : graphs) {
            String href = relative(run, graph);
            html.append("<li><a href=\"").append(escape(href)).append("\">").append(escape(run.dir().resolve(PROFILES_DIR)
                    .relativize(graph).toString())).append("</a></li>\n");
        }
        html.append("</ul>\n");
    }

    private static void environment(RunDir run, StringBuilder html) {
        html.append("<h2>Environment</h2>\n<table class=\"environment\">\n");
        for (EnvironmentTable.Row row : EnvironmentTable.rows(run)) {
            String text = escape(row.text());
            html.append("<tr><th>").append(escape(row.name())).append("</th><td>")
                    .append(row.literal() ? "<code>" + text + "</code>" : text).append("</td></tr>\n");
        }
        html.append("</table>\n");
    }

    /** Files under {@code dir} (any depth) whose name ends in {@code suffix}, sorted; none when the folder is absent. */
    private static List<Path> files(Path dir, String suffix) throws IOException {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }

    /** A link from report.html (in the run folder) to {@code file}, with forward slashes. */
    private static String relative(RunDir run, Path file) {
        return run.dir().relativize(file.toAbsolutePath().normalize()).toString().replace('\\', '/');
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = HtmlReport.class.getResourceAsStream(name)) {
            if (in == null) throw new IOException("missing resource " + name + " (a broken build of the reports module)");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
