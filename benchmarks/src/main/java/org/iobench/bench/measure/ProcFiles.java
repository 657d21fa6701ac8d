package org.iobench.bench.measure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Where a server's {@code /proc} files are read: this host's ({@link #LOCAL}), a crafted tree (tests), or
 * the server's own host through an agent ({@link RemoteProcFiles}) when a launcher forwarded the server
 * there. Paths are relative to {@code /proc}, such as {@code 1234/status}. Three requests cover what the
 * benchmark reads, so that a remote reading costs one round trip each, whatever the thread count.
 */
public interface ProcFiles {

    /** This host's /proc. */
    ProcFiles LOCAL = under(Path.of("/proc"));

    /** The text of {@code /proc/<relative>}; {@link NoSuchFileException} when it is not there (the process is gone). */
    String read(String relative) throws IOException;

    /** How many entries {@code /proc/<relative>} holds (descriptors under {@code <pid>/fd}); NoSuchFileException when missing. */
    long count(String relative) throws IOException;

    /**
     * The first line of {@code /proc/<pid>/task/<tid>/<file>} for every thread of the process, by thread
     * id. A thread that ends while being read is left out (its file fails with ESRCH or is gone); the
     * whole process gone is a {@link NoSuchFileException}.
     */
    Map<Long, String> perThread(long pid, String file) throws IOException;

    /** Says what the figures were read from, for messages. */
    String describe();

    /** A /proc tree at {@code root}, read with plain file access. */
    static ProcFiles under(Path root) {
        return new ProcFiles() {
            @Override
            public String read(String relative) throws IOException {
                return Files.readString(root.resolve(relative));
            }

            @Override
            public long count(String relative) throws IOException {
                try (Stream<Path> entries = Files.list(root.resolve(relative))) {
                    return entries.count();
                }
            }

            @Override
            public Map<Long, String> perThread(long pid, String file) throws IOException {
                Path tasks = root.resolve(Long.toString(pid)).resolve("task");
                Map<Long, String> byThread = new HashMap<>();
                try (Stream<Path> threads = Files.list(tasks)) {
                    for (Path thread : (Iterable<Path>) threads::iterator) {
                        try {
                            String text = Files.readString(thread.resolve(file));
                            int newline = text.indexOf('\n');
                            byThread.put(Long.parseLong(thread.getFileName().toString()), newline < 0 ? text : text.substring(0, newline));
                        } catch (IOException ended) {
                            // The thread ended between listing and reading: its entry is gone (NoSuchFileException),
                            // or still listed while the thread exits, when reading it fails with ESRCH ("No such
                            // process"; connection churn on thread-per-connection ends threads all the time).
                        }
                    }
                } catch (UncheckedIOException e) {
                    throw e.getCause();
                }
                return byThread;
            }

            @Override
            public String describe() {
                return root.toString();
            }
        };
    }
}
