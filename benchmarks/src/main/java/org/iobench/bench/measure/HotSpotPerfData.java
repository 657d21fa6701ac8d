package org.iobench.bench.measure;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The performance counters a HotSpot JVM publishes in {@code /tmp/hsperfdata_<user>/<pid>} (what
 * {@code jstat} and {@code jcmd PerfCounter.print} read): the JVM updates them anyway (-XX:+UsePerfData
 * is the default), so reading them from outside costs the measured JVM nothing, unlike an attach
 * ({@code jcmd}) or Native Memory Tracking.
 *
 * <p>The file is a prologue followed by entries (HotSpot's {@code perfMemory.hpp}): the magic
 * 0xcafec0c0 (always big-endian), a byte-order byte for the rest, the offset of the first entry and
 * their count; each entry gives its length, name offset, vector length, type and data offset, all
 * relative to the entry. Only longs ('J') and strings (vectors of 'B') are kept.
 */
public final class HotSpotPerfData {
    private static final int MAGIC = 0xcafec0c0;
    private static final Path TEMP_DIRECTORY = Path.of("/tmp");

    private final Map<String, Long> longs;
    private final Map<String, String> strings;

    private HotSpotPerfData(Map<String, Long> longs, Map<String, String> strings) {
        this.longs = Map.copyOf(longs);
        this.strings = Map.copyOf(strings);
    }

    /**
     * The counters of a JVM of this user, or empty when it publishes none (a native server, a JVM run
     * with -XX:-UsePerfData, a process on another machine or of another user). HotSpot always writes
     * under /tmp, whatever java.io.tmpdir says.
     */
    public static Optional<HotSpotPerfData> read(long pid) throws IOException {
        Path file = TEMP_DIRECTORY.resolve("hsperfdata_" + System.getProperty("user.name")).resolve(Long.toString(pid));
        try {
            return Optional.of(parse(Files.readAllBytes(file)));
        } catch (NoSuchFileException | java.nio.file.AccessDeniedException notPublished) {
            return Optional.empty();
        }
    }

    /** Parses the content of an hsperfdata file. */
    public static HotSpotPerfData parse(byte[] file) {
        ByteBuffer buffer = ByteBuffer.wrap(file);
        if (file.length < 32 || buffer.getInt(0) != MAGIC) {
            throw new IllegalArgumentException("not a HotSpot perf data file (no magic 0xcafec0c0)");
        }
        buffer.order(buffer.get(4) == 0 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        // prologue: magic, byte order, major, minor, accessible, used, overflow, mod_time_stamp (8), entry_offset, num_entries
        int entryOffset = buffer.getInt(24);
        int entries = buffer.getInt(28);
        Map<String, Long> longs = new HashMap<>();
        Map<String, String> strings = new HashMap<>();
        int entry = entryOffset;
        for (int i = 0; i < entries; i++) {
            if (entry < 0 || entry + 20 > file.length) throw new IllegalArgumentException("perf data entry " + i + " lies outside the file");
            int length = buffer.getInt(entry);
            int nameOffset = buffer.getInt(entry + 4);
            int vectorLength = buffer.getInt(entry + 8);
            byte type = buffer.get(entry + 12);
            int dataOffset = buffer.getInt(entry + 16);
            if (length <= 0) throw new IllegalArgumentException("perf data entry " + i + " has length " + length);
            String name = cString(file, entry + nameOffset, entry + length);
            if (type == 'J' && vectorLength == 0) {
                longs.put(name, buffer.getLong(entry + dataOffset));
            } else if (type == 'B' && vectorLength > 0) {
                strings.put(name, cString(file, entry + dataOffset, Math.min(entry + dataOffset + vectorLength, file.length)));
            }
            entry += length;
        }
        return new HotSpotPerfData(longs, strings);
    }

    /** A long counter, if the JVM publishes it. */
    public Optional<Long> longValue(String name) {
        return Optional.ofNullable(longs.get(name));
    }

    /** The names of the long counters. */
    public java.util.Set<String> longNames() {
        return longs.keySet();
    }

    /** A string counter, if the JVM publishes it. */
    public Optional<String> stringValue(String name) {
        return Optional.ofNullable(strings.get(name));
    }

    private static String cString(byte[] file, int from, int limit) {
        int end = from;
        while (end < limit && file[end] != 0) end++;
        return new String(file, from, end - from, StandardCharsets.US_ASCII);
    }
}
