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
    void jmhArraysJoinIntoOne() {
        String joined = ResultsFolder.joinJsonArrays(List.of("[\n    {\"a\": 1}\n]\n", "[ ]", "[\n    {\"b\": 2},\n    {\"c\": 3}\n]"));
        assertEquals("[\n    {\"a\": 1},\n    {\"b\": 2},\n    {\"c\": 3}\n]\n", joined);
        assertEquals("[\n]\n", ResultsFolder.joinJsonArrays(List.of("[]")));
        assertThrows(IllegalArgumentException.class, () -> ResultsFolder.joinJsonArrays(List.of("{}")));
    }

    @Test
    void aSingleJmhFileIsKeptByteForByte() throws IOException {
        Path part = Files.writeString(dir.resolve("p.json"), "[\n    {\"x\": 1}\n]\n");
        Path out = dir.resolve("jmh.json");
        Path touchedOnly = Files.createFile(dir.resolve("touched.json")); // JMH creates its file before the run
        ResultsFolder.joinJson(List.of(part, dir.resolve("missing.json"), touchedOnly), out);
        assertEquals(Files.readString(part), Files.readString(out));
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
