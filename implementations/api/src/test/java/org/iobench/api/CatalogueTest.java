package org.iobench.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CatalogueTest {

    @Test
    void theTwelvePublicIdsAreUniqueAndInTheirFamilies() {
        List<String> ids = Arrays.stream(Implementation.values()).map(i -> i.id).toList();
        assertEquals(List.of("blocking", "virtual", "nio-selector", "nio2-async", "netty-nio", "netty-epoll-et",
                "netty-epoll-lt", "netty42-epoll", "netty42-io-uring", "native-epoll-et", "native-epoll-lt",
                "native-io-uring"), ids);
        for (Implementation impl : Implementation.values()) {
            if (impl.family.isJava()) {
                assertNotNull(impl.serverClass, impl.id);
                assertTrue(impl.serverClass.startsWith("org.iobench." + impl.family.module.replace("-", "") + "."), impl.id);
            } else {
                assertNull(impl.serverClass, impl.id);
            }
        }
    }

    @Test
    void programsAlwaysStartServersWithTheLifelineAndByHandOnlyWhenAsked() {
        assertTrue(ServerCommand.of(Implementation.BLOCKING, ServerConfig.defaults(), null).contains("--exit-with-stdin"));
        assertTrue(ServerCommand.of(Implementation.NATIVE_EPOLL_ET, ServerConfig.defaults(), null).contains("--exit-with-stdin"));
        assertFalse(ServerCommand.of(Implementation.BLOCKING, ServerConfig.defaults(), null, false).contains("--exit-with-stdin"));
    }

    @Test
    void theCommandSurvivesANonAsciiCheckoutPath() {
        // Issue 7 point 5: bytes were counted as chars, so each non-ASCII char cut one byte off the tail.
        String previous = System.getProperty("iobench.home");
        System.setProperty("iobench.home", "/tmp/日本語/iobench");
        try {
            List<String> command = ServerCommand.of(Implementation.NATIVE_EPOLL_ET, ServerConfig.defaults(), null);
            String decoded = new String(Catalog.encode(command), StandardCharsets.UTF_8);
            assertTrue(decoded.endsWith("\0"), "every word is NUL-terminated");
            assertEquals(command, List.of(decoded.substring(0, decoded.length() - 1).split("\0", -1)));
            assertTrue(command.get(0).contains("日本語"), command::toString);
        } finally {
            if (previous == null) System.clearProperty("iobench.home");
            else System.setProperty("iobench.home", previous);
        }
    }

    @Test
    void javaServersRunFromTheirFamilyFolderAndNativeOnesFromTheBinary() {
        List<String> java = ServerCommand.of(Implementation.NETTY_EPOLL_ET, ServerConfig.defaults(), "1");
        assertEquals(List.of("taskset", "-c", "1"), java.subList(0, 3));
        assertTrue(java.stream().anyMatch(a -> a.endsWith("implementations/netty/target/lib/*")), java::toString);
        assertTrue(java.contains(ServerMain.class.getName()));
        assertEquals("netty-epoll-et", java.get(java.indexOf("--impl") + 1));

        List<String> nativeCommand = ServerCommand.of(Implementation.NATIVE_EPOLL_LT, ServerConfig.defaults(), null);
        assertTrue(nativeCommand.get(0).endsWith("implementations/native/target/bin/iobench-echo-server"));
        assertEquals("127.0.0.1", nativeCommand.get(nativeCommand.indexOf("--bind") + 1));
    }
}
