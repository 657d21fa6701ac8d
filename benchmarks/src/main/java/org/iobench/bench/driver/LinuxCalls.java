package org.iobench.bench.driver;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * The Linux calls the epoll driver makes directly (socket, connect, epoll_wait, recv, send, ...),
 * bound through the Foreign Function &amp; Memory API of JDK 22+. The project compiles for Java 21,
 * where that API is still a preview, so it is reached by reflection once, here, at class load; the
 * method handles it yields are plain {@code static final} handles that the JIT inlines like any
 * call. Every pointer is passed as a {@code long} address (the same register on x86-64 and AArch64)
 * so call sites need no MemorySegment; only the errno capture segment is passed as an object.
 * {@link #AVAILABLE} is false (with {@link #UNAVAILABLE_REASON}) on JDK 21, non-Linux, or other CPUs.
 */
final class LinuxCalls {
    static final int AF_INET = 2;
    static final int AF_INET6 = 10;
    static final int SOCK_STREAM_NONBLOCK_CLOEXEC = 1 | 0x800 | 0x80000;
    static final int IPPROTO_TCP = 6;
    static final int TCP_NODELAY = 1;
    static final int SOL_SOCKET = 1;
    static final int SO_ERROR = 4;
    static final int EPOLL_CLOEXEC = 0x80000;
    static final int EPOLL_CTL_ADD = 1;
    static final int EPOLL_CTL_MOD = 3;
    static final int EPOLLIN = 0x1;
    static final int EPOLLOUT = 0x4;
    static final int EPOLLERR = 0x8;
    static final int EPOLLHUP = 0x10;
    static final int MSG_NOSIGNAL = 0x4000;
    static final int EINTR = 4;
    static final int EAGAIN = 11;
    static final int EINPROGRESS = 115;
    /** struct epoll_event: packed on x86-64 (12 bytes), naturally aligned elsewhere (16). */
    static final int EPOLL_EVENT_BYTES;
    static final int EPOLL_EVENT_DATA_OFFSET;

    /** recvfrom(2) and sendto(2) by number: x86-64 and the generic table AArch64 uses. */
    private static final long SYS_RECVFROM_AMD64 = 45;
    private static final long SYS_SENDTO_AMD64 = 44;
    private static final long SYS_RECVFROM_AARCH64 = 207;
    private static final long SYS_SENDTO_AARCH64 = 206;

    static final boolean AVAILABLE;
    static final String UNAVAILABLE_REASON;

    /** (Object errnoCapture, int domain, int type, int protocol) -> int */
    static final MethodHandle SOCKET;
    /** (Object errnoCapture, int fd, long sockaddr, int length) -> int */
    static final MethodHandle CONNECT;
    static final MethodHandle BIND;
    /** (Object errnoCapture, int fd, int level, int name, long value, int length) -> int */
    static final MethodHandle SETSOCKOPT;
    /** (Object errnoCapture, int fd, int level, int name, long value, long lengthPointer) -> int */
    static final MethodHandle GETSOCKOPT;
    /** (Object errnoCapture, int fd, long buffer, long length, int flags) -> long */
    static final MethodHandle RECV;
    static final MethodHandle SEND;
    /** (int fd) -> int */
    static final MethodHandle CLOSE;
    /** (Object errnoCapture, int flags) -> int */
    static final MethodHandle EPOLL_CREATE1;
    /** (Object errnoCapture, int epfd, int op, int fd, long event) -> int */
    static final MethodHandle EPOLL_CTL;
    /** (Object errnoCapture, int epfd, long events, int maxEvents, int timeoutMillis) -> int */
    static final MethodHandle EPOLL_WAIT;

    private static final Ffm FFM;

    static {
        Ffm ffm = null;
        String reason = null;
        MethodHandle[] handles = new MethodHandle[11];
        String arch = System.getProperty("os.arch");
        try {
            if (!System.getProperty("os.name").startsWith("Linux")) throw new UnsupportedOperationException("not Linux");
            if (!arch.equals("amd64") && !arch.equals("aarch64")) throw new UnsupportedOperationException("CPU " + arch);
            if (Runtime.version().feature() < 22) {
                throw new UnsupportedOperationException("JDK " + Runtime.version().feature() + " (the FFM API is final from 22)");
            }
            ffm = new Ffm();
            Object i = ffm.layout("JAVA_INT");
            Object j = ffm.layout("JAVA_LONG");
            handles[0] = ffm.downcall("socket", true, false, i, i, i, i);
            handles[1] = ffm.downcall("connect", true, false, i, i, j, i);
            handles[2] = ffm.downcall("bind", true, false, i, i, j, i);
            handles[3] = ffm.downcall("setsockopt", true, false, i, i, i, i, j, i);
            handles[4] = ffm.downcall("getsockopt", true, false, i, i, i, i, j, j);
            // recv and send on a non-blocking socket return at once: no thread-state transition needed.
            // Through syscall(2), not libc's recv/send: those are cancellation points, and switching
            // asynchronous cancellation on and off around each call was 0.5% of the driver thread's
            // samples at 10,000 connections, the wrappers another 0.9% (async-profiler, native-epoll-et).
            handles[5] = ffm.rawSocketCall(arch.equals("amd64") ? SYS_RECVFROM_AMD64 : SYS_RECVFROM_AARCH64);
            handles[6] = ffm.rawSocketCall(arch.equals("amd64") ? SYS_SENDTO_AMD64 : SYS_SENDTO_AARCH64);
            handles[7] = ffm.downcall("close", false, false, i, i);
            handles[8] = ffm.downcall("epoll_create1", true, false, i, i);
            handles[9] = ffm.downcall("epoll_ctl", true, true, i, i, i, i, j);
            handles[10] = ffm.downcall("epoll_wait", true, false, i, i, j, i, i); // blocks: never critical
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            ffm = null;
            reason = e instanceof java.lang.reflect.InvocationTargetException ite ? String.valueOf(ite.getCause()) : String.valueOf(e);
        }
        FFM = ffm;
        AVAILABLE = ffm != null;
        UNAVAILABLE_REASON = reason;
        SOCKET = handles[0];
        CONNECT = handles[1];
        BIND = handles[2];
        SETSOCKOPT = handles[3];
        GETSOCKOPT = handles[4];
        RECV = handles[5];
        SEND = handles[6];
        CLOSE = handles[7];
        EPOLL_CREATE1 = handles[8];
        EPOLL_CTL = handles[9];
        EPOLL_WAIT = handles[10];
        EPOLL_EVENT_BYTES = "amd64".equals(arch) ? 12 : 16;
        EPOLL_EVENT_DATA_OFFSET = "amd64".equals(arch) ? 4 : 8;
    }

    private LinuxCalls() {
    }

    /** An errno as its name and meaning, for the few a driver meets; the number otherwise. */
    static String describeErrno(int errno) {
        String what = switch (errno) {
            case 4 -> "EINTR";
            case 11 -> "EAGAIN";
            case 23, 24 -> "too many open files";
            case 32 -> "broken pipe";
            case 98 -> "address already in use";
            case 99 -> "cannot assign requested address";
            case 104 -> "connection reset by peer";
            case 110 -> "connection timed out";
            case 111 -> "Connection refused";
            case 113 -> "no route to host";
            default -> "error";
        };
        return what + " (errno " + errno + ")";
    }

    /** The native address of a direct buffer's first byte. */
    static long address(ByteBuffer direct) {
        try {
            return FFM.address(direct);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot take the address of a direct buffer", e);
        }
    }

    /** A per-thread place for errno, captured by the calls right after they return (the JVM may clobber errno later). */
    static final class Errno {
        final Object capture;
        private final ByteBuffer view;
        private final int offset;

        Errno() {
            try {
                capture = FFM.allocateCaptureState();
                view = FFM.asByteBuffer(capture).order(ByteOrder.nativeOrder());
                offset = FFM.errnoOffset();
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot allocate the errno capture", e);
            }
        }

        int value() {
            return view.getInt(offset);
        }
    }

    /** The reflective side: everything that names a java.lang.foreign type, used only at setup. */
    private static final class Ffm {
        private final Class<?> memoryLayout = Class.forName("java.lang.foreign.MemoryLayout");
        private final Class<?> memorySegment = Class.forName("java.lang.foreign.MemorySegment");
        private final Class<?> valueLayout = Class.forName("java.lang.foreign.ValueLayout");
        private final Class<?> functionDescriptor = Class.forName("java.lang.foreign.FunctionDescriptor");
        private final Class<?> linkerClass = Class.forName("java.lang.foreign.Linker");
        private final Class<?> optionClass = Class.forName("java.lang.foreign.Linker$Option");
        private final Class<?> arenaClass = Class.forName("java.lang.foreign.Arena");
        private final Object linker = linkerClass.getMethod("nativeLinker").invoke(null);
        private final Object lookup = linkerClass.getMethod("defaultLookup").invoke(linker);
        private final Object captureErrno = optionClass.getMethod("captureCallState", String[].class)
                .invoke(null, (Object) new String[] {"errno"});
        private final Object critical = optionClass.getMethod("critical", boolean.class).invoke(null, false);
        private final Object captureLayout = optionClass.getMethod("captureStateLayout").invoke(null);

        Ffm() throws ReflectiveOperationException {
        }

        Object layout(String name) throws ReflectiveOperationException {
            return valueLayout.getField(name).get(null);
        }

        /** A handle for {@code name} with its pointers as longs, adapted so an errno capture is an Object. */
        MethodHandle downcall(String name, boolean withErrno, boolean isCritical, Object result, Object... arguments)
                throws ReflectiveOperationException {
            return downcall(name, withErrno, isCritical, List.of(), result, arguments);
        }

        /** As above, with {@code extraOptions} (Linker.Option) added. */
        MethodHandle downcall(String name, boolean withErrno, boolean isCritical, List<Object> extraOptions, Object result,
                              Object... arguments) throws ReflectiveOperationException {
            Object symbolOptional = Class.forName("java.lang.foreign.SymbolLookup").getMethod("find", String.class).invoke(lookup, name);
            Object symbol = ((java.util.Optional<?>) symbolOptional)
                    .orElseThrow(() -> new UnsupportedOperationException("no symbol " + name));
            Object argumentArray = Array.newInstance(memoryLayout, arguments.length);
            for (int k = 0; k < arguments.length; k++) Array.set(argumentArray, k, arguments[k]);
            Object descriptor = functionDescriptor.getMethod("of", memoryLayout, argumentArray.getClass())
                    .invoke(null, result, argumentArray);
            int optionCount = (withErrno ? 1 : 0) + (isCritical ? 1 : 0) + extraOptions.size();
            Object options = Array.newInstance(optionClass, optionCount);
            int o = 0;
            if (withErrno) Array.set(options, o++, captureErrno);
            if (isCritical) Array.set(options, o++, critical);
            for (Object option : extraOptions) Array.set(options, o++, option);
            Method downcallHandle = linkerClass.getMethod("downcallHandle", memorySegment, functionDescriptor, options.getClass());
            MethodHandle handle = (MethodHandle) downcallHandle.invoke(linker, symbol, descriptor, options);
            MethodType type = handle.type();
            if (withErrno) type = type.changeParameterType(0, Object.class);
            return handle.asType(type);
        }

        /**
         * recvfrom or sendto ({@code number}) with no peer address, called as
         * {@code syscall(number, fd, buffer, length, flags, NULL, 0)}: (Object errnoCapture, int fd,
         * long buffer, long length, int flags) -> long, like libc's recv and send. Critical, with errno.
         */
        MethodHandle rawSocketCall(long number) throws ReflectiveOperationException {
            Object j = layout("JAVA_LONG");
            MethodHandle variadic = downcall("syscall", true, true, List.of(optionClass.getMethod("firstVariadicArg", int.class).invoke(null, 1)),
                    j, j, j, j, j, j, j, j);
            // (Object, long number, long fd, long buffer, long length, long flags, long address, long addressLength)
            MethodHandle bound = MethodHandles.insertArguments(variadic, 1, number);
            bound = MethodHandles.insertArguments(bound, 5, 0L, 0L);
            return MethodHandles.explicitCastArguments(bound,
                    MethodType.methodType(long.class, Object.class, int.class, long.class, long.class, int.class));
        }

        Object allocateCaptureState() throws ReflectiveOperationException {
            Object arena = arenaClass.getMethod("global").invoke(null);
            return arenaClass.getMethod("allocate", memoryLayout).invoke(arena, captureLayout);
        }

        ByteBuffer asByteBuffer(Object segment) throws ReflectiveOperationException {
            return (ByteBuffer) memorySegment.getMethod("asByteBuffer").invoke(segment);
        }

        int errnoOffset() throws ReflectiveOperationException {
            Object pathElement = Class.forName("java.lang.foreign.MemoryLayout$PathElement")
                    .getMethod("groupElement", String.class).invoke(null, "errno");
            Object path = Array.newInstance(Class.forName("java.lang.foreign.MemoryLayout$PathElement"), 1);
            Array.set(path, 0, pathElement);
            return (int) (long) memoryLayout.getMethod("byteOffset", path.getClass()).invoke(captureLayout, path);
        }

        long address(ByteBuffer direct) throws ReflectiveOperationException {
            // a segment of a buffer starts at its position: take the whole buffer
            Object segment = memorySegment.getMethod("ofBuffer", Buffer.class).invoke(null, direct.duplicate().clear());
            return (long) memorySegment.getMethod("address").invoke(segment);
        }
    }
}
