package org.iobench.api;

import java.util.Locale;

/**
 * What a server does with each message before echoing it ({@code --work}, the benchmarks' {@code work}
 * parameter): nothing, real CPU work on the message's bytes, or a blocking call standing for a
 * database. The parsed value only; {@link MessageWork} performs it.
 */
public sealed interface Work {

    /** Today's echo: no work, no framing, no extra cost on the path. */
    record None() implements Work {
        @Override
        public String text() {
            return "none";
        }
    }

    /** About {@code micros} µs of CPU per message, spent hashing its bytes (see {@link MessageWork}). */
    record Cpu(double micros) implements Work {
        @Override
        public String text() {
            return "cpu:" + number(micros);
        }
    }

    /** A blocking call of {@code millis} ms per message: the thread sleeps, as it would waiting for a database. */
    record Block(double millis) implements Work {
        @Override
        public String text() {
            return "block:" + number(millis);
        }
    }

    Work NONE = new None();

    /** The longest work accepted: one minute of CPU or sleep per message is a mistake, not a benchmark. */
    double MAX_MILLIS = 60_000;

    /** The canonical spelling, as {@link #parse} reads it. */
    String text();

    /**
     * {@code none}, {@code cpu:<µs>} or {@code block:<ms>}, fractions allowed ({@code block:0.5}).
     *
     * @throws IllegalArgumentException with a one-line message saying what is accepted
     */
    static Work parse(String text) {
        String spec = text.strip().toLowerCase(Locale.ROOT);
        if (spec.equals("none")) return NONE;
        int colon = spec.indexOf(':');
        String kind = colon < 0 ? spec : spec.substring(0, colon);
        if (colon < 0 || !(kind.equals("cpu") || kind.equals("block"))) {
            throw new IllegalArgumentException("'" + text + "' is not a work kind: use none, cpu:<µs> or block:<ms>");
        }
        double amount;
        try {
            amount = Double.parseDouble(spec.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "': " + kind + ": takes a number, e.g. " + kind + ":0.5");
        }
        double millis = kind.equals("cpu") ? amount / 1000 : amount;
        if (!(amount > 0) || millis > MAX_MILLIS) {
            throw new IllegalArgumentException("'" + text + "': the amount must be > 0 and at most a minute");
        }
        return kind.equals("cpu") ? new Cpu(amount) : new Block(amount);
    }

    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
