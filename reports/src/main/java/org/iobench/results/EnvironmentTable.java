package org.iobench.results;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The environment a run recorded (env.properties), as the rows a reader scans: one list for summary.md
 * and report.html, so both show the same rows under the same names.
 */
final class EnvironmentTable {

    /** One row; {@code literal} rows are command lines, shown as code. */
    record Row(String name, String text, boolean literal) {
    }

    private EnvironmentTable() {
    }

    static List<Row> rows(RunDir run) {
        List<Row> rows = new ArrayList<>();
        row(rows, run, "date", "%s", false, "date");
        row(rows, run, "preset", "%s", false, "preset");
        row(rows, run, "host", "%s", false, "hostname");
        row(rows, run, "CPU", "%s (%s cores)", false, "cpu.model", "cpu.cores");
        row(rows, run, "kernel", "%s", false, "kernel");
        row(rows, run, "JDK", "%s %s", false, "jdk.version", "jdk.vendor");
        row(rows, run, "Netty", "4.1: %s, 4.2: %s", false, "netty41.version", "netty42.version");
        row(rows, run, "git", "%s (dirty: %s)", false, "git.commit", "git.dirty");
        row(rows, run, "uncommitted", "%s", false, "git.dirty.paths");
        row(rows, run, "pinning", "driver CPUs %s, server CPUs %s", false, "pin.driver.cpus", "pin.server.cpus");
        row(rows, run, "threads", "server %s, driver %s", false, "server.threads", "driver.threads");
        if (!run.env("server.launcher").isBlank() || !run.env("server.bind").isBlank() && !run.env("server.bind").equals("127.0.0.1")) {
            row(rows, run, "server ran", "behind %s, listening on %s", false, "server.launcher", "server.bind");
        }
        row(rows, run, "fd limit", "%s soft / %s hard", false, "fd.soft.limit", "fd.hard.limit");
        row(rows, run, "JVM (driver)", "%s", true, "jvm.args.driver");
        row(rows, run, "JVM (server)", "%s", true, "jvm.args.server");
        row(rows, run, "JMH", "%s", true, "jmh.args");
        row(rows, run, "reference", "%s", false, "reference.impl");
        row(rows, run, "available", "%s", false, "impls.available");
        row(rows, run, "unavailable", "%s", false, "impls.unavailable");
        row(rows, run, "skipped", "%s", false, "skipped");
        return rows;
    }

    /** One line, left out when the run recorded none of its keys. */
    private static void row(List<Row> rows, RunDir run, String name, String format, boolean literal, String... keys) {
        Object[] values = Arrays.stream(keys).map(run::env).toArray();
        if (Arrays.stream(values).allMatch(v -> ((String) v).isBlank())) {
            return;
        }
        rows.add(new Row(name, String.format(format, values).replace("\n", " "), literal));
    }
}
