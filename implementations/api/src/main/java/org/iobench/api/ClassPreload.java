package org.iobench.api;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.List;
import java.util.stream.Stream;

/**
 * Loads, up front, every class of the directories a server's code comes from. A class is otherwise
 * read from its file the first time it is needed, which takes a descriptor: at the descriptor limit
 * (a flood of connections, issue 7 point 8) the load fails with {@code NoClassDefFoundError}, the
 * loop that needed it dies, and a class loaded from another thread can take the descriptor just freed
 * for refusing a connection. A jar is opened once and kept open by its class loader, so only
 * directories (a build's {@code target/classes}, as the tests and {@code scripts/echo-server} run it)
 * need this; a few hundred small classes, loaded without initialising them.
 */
final class ClassPreload {
    private ClassPreload() {
    }

    /** Loads every class in the class directories of {@code anchors}; returns how many. */
    static int classDirectoriesOf(Class<?>... anchors) {
        int loaded = 0;
        for (Path directory : Stream.of(anchors).map(ClassPreload::codeLocation).distinct().toList()) {
            if (directory != null && Files.isDirectory(directory)) loaded += loadAll(directory, anchors[0].getClassLoader());
        }
        return loaded;
    }

    private static int loadAll(Path directory, ClassLoader loader) {
        List<String> names;
        try (Stream<Path> files = Files.walk(directory)) {
            names = files.filter(f -> f.toString().endsWith(".class") && !f.endsWith("module-info.class"))
                    .map(f -> className(directory.relativize(f))).toList();
        } catch (IOException e) {
            return 0;   // a best effort: the server runs as before, only less robust at the limit
        }
        int loaded = 0;
        for (String name : names) {
            try {
                Class.forName(name, false, loader);
                loaded++;
            } catch (ClassNotFoundException | LinkageError e) {
                // a class whose optional dependency is absent here (e.g. a native transport): never used
            }
        }
        return loaded;
    }

    private static String className(Path relative) {
        String path = relative.toString();
        return path.substring(0, path.length() - ".class".length()).replace(relative.getFileSystem().getSeparator(), ".");
    }

    private static Path codeLocation(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) return null;
        try {
            return Path.of(source.getLocation().toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }
}
