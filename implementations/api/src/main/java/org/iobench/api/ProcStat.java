package org.iobench.api;

import java.util.List;

/**
 * One {@code /proc/<pid>/stat} or {@code /proc/<pid>/task/<tid>/stat} line (proc(5)), split where it is
 * safe to split: the command name (field 2) is in parentheses and may itself hold spaces and
 * parentheses, so the fields after it are counted from the last ')'.
 *
 * @param command the command or thread name, field 2 without its parentheses (the kernel's 15-character comm)
 * @param rest    fields 3 onwards (state, ppid, ...), in order
 */
public record ProcStat(String command, List<String> rest) {
    public ProcStat {
        rest = List.copyOf(rest);
    }

    /** The line's fields, or an IllegalArgumentException quoting it when it is not a stat line. */
    public static ProcStat parse(String line) {
        int open = line.indexOf('(');
        int close = line.lastIndexOf(')');
        if (open < 0 || close < open) throw new IllegalArgumentException("not a /proc stat line: " + line);
        String after = line.substring(close + 1).strip();
        if (after.isEmpty()) throw new IllegalArgumentException("short /proc stat line: " + line);
        return new ProcStat(line.substring(open + 1, close), List.of(after.split("\\s+")));
    }

    /** Field 3: R, S, D, Z, ... */
    public String state() {
        return rest.getFirst();
    }

    /** Field {@code number} as proc(5) numbers them (from 3, the state). */
    public long field(int number) {
        int index = number - 3;
        if (index < 0 || index >= rest.size()) {
            throw new IllegalArgumentException("/proc stat line has no field " + number + " (" + (rest.size() + 2) + " fields)");
        }
        return Long.parseLong(rest.get(index));
    }
}
