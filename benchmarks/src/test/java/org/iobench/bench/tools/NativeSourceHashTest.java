package org.iobench.bench.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NativeSourceHashTest {

    @Test
    void anyChangeToASourceChangesTheHashAndOtherFilesDoNot(@TempDir Path module) throws IOException {
        Files.createDirectories(module.resolve("src"));
        Files.writeString(module.resolve("src/load_client.c"), "int main(void) { return 0; }\n");
        Files.writeString(module.resolve("build.sh"), "cc src/*.c\n");
        String first = NativeSourceHash.of(module);
        assertTrue(first.matches("[0-9a-f]{64}"), first);
        Files.writeString(module.resolve("src/notes.txt"), "not a source");
        assertEquals(first, NativeSourceHash.of(module));
        Files.writeString(module.resolve("src/load_client.c"), "int main(void) { return 1; }\n");
        assertNotEquals(first, NativeSourceHash.of(module));
    }

    @Test
    void missingSourcesSaySoInsteadOfHashingNothing(@TempDir Path module) {
        assertTrue(NativeSourceHash.of(module).startsWith("unknown ("), NativeSourceHash.of(module));
    }
}
