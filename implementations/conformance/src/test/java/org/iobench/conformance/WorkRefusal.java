package org.iobench.conformance;

import java.io.IOException;

/**
 * A server may refuse work it does not do (the native servers do no work per message) with one line,
 * {@code <id>: <kind> work is not available: <why>}, and exit 2: that is a documented limit, reported
 * as a skipped test with its reason, not a failure.
 */
final class WorkRefusal {
    static final String MARK = "work is not available:";

    private WorkRefusal() {
    }

    /** The refusal line in a failed start's message, or null when the start failed for another reason. */
    static String in(IOException startFailure) {
        String message = String.valueOf(startFailure.getMessage());
        return message.lines().filter(line -> line.contains(MARK)).map(String::strip).findFirst().orElse(null);
    }
}
