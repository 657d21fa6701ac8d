package org.iobench.bench;

import java.util.Locale;

/**
 * How a run ended, recorded as {@code run.status} in env.properties (the reports read it): a run
 * folder whose status is not {@code complete} cannot present itself as valid.
 */
enum RunStatus {
    /** Written when the folder is created; left behind only if the JVM died without its shutdown hook (kill -9). */
    RUNNING,
    /** Every planned trial was attempted (each may still have failed or be invalid: see failed=, invalid=). */
    COMPLETE,
    /** SIGINT, SIGTERM or SIGHUP: finished trials kept, the rest listed under incomplete=. */
    INTERRUPTED,
    /** An unexpected error ended the run early: finished trials kept, the rest listed under incomplete=. */
    FAILED;

    static final String KEY = "run.status";

    String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
