package org.iobench.conformance;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.iobench.api.Availability;
import org.iobench.api.Implementation;
import org.iobench.api.Settings;

/**
 * One implementation under test, with the reason it cannot run here (null when it can). Every test
 * class is parameterized over {@link #all()}: available ones are tested, unavailable ones are reported
 * as skipped with their reason, never silently dropped.
 */
record Target(Implementation impl, String unavailableReason) {


    private static List<Target> all;

    /** Probed once per test JVM: each family answers {@code --list} in its own process. */
    static synchronized List<Target> all() {
        if (all == null) {
            Set<Implementation> wanted = wanted();
            Map<Implementation, String> probed = Availability.probeAll();
            all = probed.entrySet().stream()
                    .filter(e -> wanted.contains(e.getKey()))
                    .map(e -> new Target(e.getKey(), e.getValue()))
                    .toList();
        }
        return all;
    }

    private static Set<Implementation> wanted() {
        String property = Settings.IMPLS.value();
        if (property.isBlank()) return Set.of(Implementation.values());
        Set<Implementation> wanted = new LinkedHashSet<>();
        for (String id : property.split(",")) {
            if (id.isBlank()) continue;
            wanted.add(Implementation.byId(id.strip()).orElseThrow(() -> new IllegalArgumentException(
                    "-D" + Settings.IMPLS.property() + ": unknown implementation '" + id.strip() + "'; known: " + Implementation.ids())));
        }
        return wanted;
    }

    boolean available() {
        return unavailableReason == null;
    }

    @Override
    public String toString() {
        return available() ? impl.id : impl.id + " (unavailable: " + unavailableReason + ")";
    }
}
