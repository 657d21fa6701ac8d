package org.iobench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsFolderTest {
    @TempDir
    Path dir;

    @Test
    void aTakenNameGetsASuffix() throws IOException {
        LocalDate day = LocalDate.of(2026, 1, 2);
        assertEquals(dir.resolve("2026-01-02-box"), ResultsFolder.create(dir, day, "box"));
        assertEquals(dir.resolve("2026-01-02-box-2"), ResultsFolder.create(dir, day, "box"));
        assertEquals(dir.resolve("2026-01-02-box-3"), ResultsFolder.create(dir, day, "box"));
        assertEquals("2026-01-02-a_b", ResultsFolder.folderName(day, "a/b", 1));
    }

    @Test
    void environmentFileIsPropertiesInOurKeyOrder() throws IOException {
        Path file = dir.resolve("env.properties");
        new RunEnvironment().put("zeta", "1").put("alpha", "a: b=c").write(file);
        List<String> lines = Files.readAllLines(file);
        assertTrue(lines.indexOf("zeta=1") < lines.indexOf("alpha=a\\: b\\=c"), lines.toString());
        java.util.Properties loaded = new java.util.Properties();
        try (var in = Files.newInputStream(file)) {
            loaded.load(in);
        }
        assertEquals("a: b=c", loaded.getProperty("alpha"));
    }
}
