package org.iobench.bench.profile;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What {@code scripts/bench --profile} samples in the server, as async-profiler's {@code event}:
 * on-CPU time, Java heap allocations, wall-clock time of every thread (blocked ones too) or
 * contended Java monitors. Allocation and lock profiles exist only for a JVM; a native server gets
 * a stated reason instead of a flame graph.
 */
public enum ProfileEvent {
    CPU(null),
    ALLOC("Java heap allocations"),
    WALL(null),
    LOCK("contended Java monitors");

    /** What the JVM reports for this event and a native server does not have; null for an event of any process. */
    public final String onlyInAJvm;

    ProfileEvent(String onlyInAJvm) {
        this.onlyInAJvm = onlyInAJvm;
    }

    /** async-profiler's name for it, also the value recorded as {@code profile} in env.properties. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The jfr-converter option that picks these samples out of a recording, e.g. {@code --cpu}. */
    String converterOption() {
        return "--" + id();
    }

    /** The event named {@code id}; an IllegalArgumentException whose message is meant for the user otherwise. */
    public static ProfileEvent byId(String id) {
        for (ProfileEvent event : values()) {
            if (event.id().equals(id.strip())) return event;
        }
        throw new IllegalArgumentException("--profile '" + id + "' is not one of " + ids());
    }

    /** "cpu|alloc|wall|lock". */
    public static String ids() {
        return Arrays.stream(values()).map(ProfileEvent::id).collect(Collectors.joining("|"));
    }
}
