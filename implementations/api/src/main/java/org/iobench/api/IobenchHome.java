package org.iobench.api;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the iobench checkout is: the system property {@code iobench.home} (Maven sets it for tests
 * and benchmarks), else the environment variable {@code IOBENCH_HOME} (the scripts set it), else the
 * nearest folder above the working directory that holds {@code implementations/api}.
 */
public final class IobenchHome {
    private IobenchHome() {
    }

    public static Path get() {
        String configured = Settings.HOME.value();
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("implementations/api"))) return dir;
        }
        throw new IllegalStateException(
                "cannot find the iobench checkout: set -Diobench.home or IOBENCH_HOME to its root folder");
    }

    /** The folder holding a Java family's whole runtime classpath (its jar and dependencies). */
    public static Path familyLib(Family family) {
        return get().resolve("implementations").resolve(family.module).resolve("target/lib");
    }

    /**
     * The native server binary; {@code -Diobench.native.server=PATH} substitutes another (used to run the
     * conformance suite against the seed's original, broken server).
     */
    public static Path nativeServer() {
        String override = Settings.NATIVE_SERVER.value();
        if (override != null && !override.isBlank()) return Path.of(override);
        return get().resolve("implementations/native/target/bin/iobench-echo-server");
    }

    /** The native load client binary. */
    public static Path nativeClient() {
        return get().resolve("implementations/native/target/bin/iobench-load-client");
    }

    /** The native probe of how far apart two CPUs are (a cache line's round trip between them). */
    public static Path coreDistanceProbe() {
        return get().resolve("implementations/native/target/bin/iobench-core-distance");
    }

    /** Written by the native build when it could not compile, with the reason. */
    public static Path nativeUnavailableNote() {
        return get().resolve("implementations/native/target/bin/UNAVAILABLE");
    }
}
