package org.iobench.bench.tools;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * The version of the native load client a result was measured against: SHA-256 over its source
 * files ({@code implementations/native/src/*.c, *.h} and {@code build.sh}), each fed as its path
 * relative to the module, a NUL, its bytes, a NUL, in path order. The client is the yardstick, so
 * every driver-check result names which one it was.
 */
final class NativeSourceHash {
    private NativeSourceHash() {
    }

    /** The hash of the sources under {@code nativeModule}, or "unknown (reason)" when they are absent. */
    static String of(Path nativeModule) {
        try (Stream<Path> files = Files.list(nativeModule.resolve("src"))) {
            List<Path> sources = Stream.concat(
                            files.filter(f -> f.toString().endsWith(".c") || f.toString().endsWith(".h")),
                            Stream.of(nativeModule.resolve("build.sh")).filter(Files::isRegularFile))
                    .map(nativeModule::relativize).sorted().toList();
            if (sources.isEmpty()) return "unknown (no sources in " + nativeModule + ")";
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Path source : sources) {
                sha.update(source.toString().getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(Files.readAllBytes(nativeModule.resolve(source)));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
