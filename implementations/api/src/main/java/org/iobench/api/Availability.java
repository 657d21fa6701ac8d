package org.iobench.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Which implementations can run on this machine, and why not for the others. Asked of each family
 * in its own process ({@code --list}), because only that family's classpath can tell whether, say,
 * io_uring loads here. An implementation that cannot run is skipped with its reason, never silently
 * replaced by another.
 */
public final class Availability {
    private Availability() {
    }

    /** Implementation → null if available, else the reason. Keeps the catalogue's order. */
    public static Map<Implementation, String> probeAll() {
        Map<Implementation, String> result = new EnumMap<>(Implementation.class);
        for (Family family : Family.values()) {
            result.putAll(probe(family));
        }
        return result;
    }

    public static List<Implementation> available() {
        List<Implementation> available = new ArrayList<>();
        probeAll().forEach((impl, reason) -> {
            if (reason == null) available.add(impl);
        });
        return available;
    }

    static Map<Implementation, String> probe(Family family) {
        Map<Implementation, String> result = new EnumMap<>(Implementation.class);
        List<Implementation> members = Implementation.ofFamily(family);
        String notBuilt = ServerCommand.notBuiltReason(members.get(0));
        if (notBuilt != null) {
            members.forEach(impl -> result.put(impl, notBuilt));
            return result;
        }
        List<String> serve = ServerCommand.of(members.get(0), ServerConfig.defaults(), null);
        List<String> command = new ArrayList<>(serve.subList(0, serve.indexOf("--impl")));
        command.add("--list");
        String output;
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                members.forEach(impl -> result.put(impl, "'--list' failed: " + output.strip()));
                return result;
            }
        } catch (IOException e) {
            members.forEach(impl -> result.put(impl, "cannot run " + command.get(0) + ": " + e.getMessage()));
            return result;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while probing " + family.module, e);
        }
        for (Implementation impl : members) {
            result.put(impl, "not listed by its family's --list");
        }
        for (String line : output.split("\n")) {
            String[] parts = line.split("\t", 2);
            if (parts.length < 2) continue;
            Implementation.byId(parts[0].strip()).ifPresent(impl -> result.put(impl,
                    parts[1].strip().equals("available") ? null : parts[1].strip().replaceFirst("^unavailable: ", "")));
        }
        return result;
    }
}
