package org.iobench.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
