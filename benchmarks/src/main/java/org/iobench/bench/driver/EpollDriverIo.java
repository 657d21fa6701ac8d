package org.iobench.bench.driver;

import static org.iobench.bench.driver.LinuxCalls.EPOLLERR;
import static org.iobench.bench.driver.LinuxCalls.EPOLLHUP;
import static org.iobench.bench.driver.LinuxCalls.EPOLLIN;
import static org.iobench.bench.driver.LinuxCalls.EPOLLOUT;
import static org.iobench.bench.driver.LinuxCalls.EPOLL_EVENT_BYTES;
import static org.iobench.bench.driver.LinuxCalls.EPOLL_EVENT_DATA_OFFSET;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Level-triggered epoll, recv and send called directly (JDK 22+, {@link LinuxCalls}); the native load
 * client's loop in Java. A ready event carries the connection's index, so there is no fd-to-key map;
 * reads and writes take no locks and send(2) skips write(2)'s VFS layer. IPv4 only. Connections are
 * opened by {@link ConnectionOpener}, this class dialing.
 */
final class EpollDriverIo extends DriverIo implements ConnectionOpener.Dialer {
    /**
     * Events per epoll_wait, as the native load client takes. The JDK's selector takes 1,024; with
     * 10,000 level-triggered connections that made each epoll_wait re-poll more sockets (sock_poll
     * 6.9% of the driver thread's samples against 3.2% with 512) and cost CPU per echo.
     */
    private static final int MAX_EVENTS = 512;

    private final LinuxCalls.Errno errno = new LinuxCalls.Errno();
    private final int epollFd;
    private final ByteBuffer events = ByteBuffer.allocateDirect(MAX_EVENTS * EPOLL_EVENT_BYTES).order(ByteOrder.nativeOrder());
    private final long eventsAddress = LinuxCalls.address(events);
    /** One epoll_event for epoll_ctl, then a sockaddr or a socket option value: setup and interest changes only. */
    private final ByteBuffer scratch = ByteBuffer.allocateDirect(64).order(ByteOrder.nativeOrder());
    private final long scratchAddress = LinuxCalls.address(scratch);
    private Connection[] connections = new Connection[0];
    private ByteBuffer readBuffer;
    private long readAddress;
    private ByteBuffer writeBuffer;
    private long writeAddress;
    private boolean closed;

    EpollDriverIo() throws IOException {
        epollFd = call("epoll_create1", (int) invoke(() -> (int) LinuxCalls.EPOLL_CREATE1.invokeExact(errno.capture, LinuxCalls.EPOLL_CLOEXEC)));
    }

    @Override
    DriverIoKind kind() {
        return DriverIoKind.EPOLL;
    }

    @Override
    Connection[] connect(InetSocketAddress server, int count, DriverLimits limits, SourceAddresses sources) throws IOException {
        if (!(server.getAddress() instanceof Inet4Address)) throw new IOException("the epoll driver speaks IPv4 only: " + server);
        connections = new Connection[count];
        return ConnectionOpener.open(this, server, count, limits, sources);
    }

    @Override
    public Connection socket(int index) throws IOException {
        int fd = (int) invoke(() -> (int) LinuxCalls.SOCKET.invokeExact(errno.capture, LinuxCalls.AF_INET, LinuxCalls.SOCK_STREAM_NONBLOCK_CLOEXEC, 0));
        if (fd < 0) throw new IOException("socket() failed: " + LinuxCalls.describeErrno(errno.value()));
        Connection c = new Connection(index, fd);
        connections[index] = c; // from now on closeAll closes it
        scratch.putInt(0, 1);
        call("setsockopt(TCP_NODELAY)", (int) invoke(() -> (int) LinuxCalls.SETSOCKOPT.invokeExact(errno.capture, fd,
                LinuxCalls.IPPROTO_TCP, LinuxCalls.TCP_NODELAY, scratchAddress, 4)));
        return c;
    }

    @Override
    public void bind(Connection c, InetAddress source) throws IOException {
        int length = putSockaddr(new InetSocketAddress(source, 0));
        call("bind", (int) invoke(() -> (int) LinuxCalls.BIND.invokeExact(errno.capture, c.fd, scratchAddress, length)));
    }

    @Override
    public boolean startConnect(Connection c, InetSocketAddress server) throws IOException {
        int length = putSockaddr(server);
        int rc = (int) invoke(() -> (int) LinuxCalls.CONNECT.invokeExact(errno.capture, c.fd, scratchAddress, length));
        int e = rc == 0 ? 0 : errno.value();
        if (rc != 0 && e != LinuxCalls.EINPROGRESS) throw new IOException(LinuxCalls.describeErrno(e));
        control(c, LinuxCalls.EPOLL_CTL_ADD, rc == 0 ? EPOLLIN : EPOLLOUT);
        return rc == 0;
    }

    @Override
    public void awaitConnects(long timeoutMillis, ConnectionOpener.ConnectCompleted completed) throws IOException {
        int ready = waitForEvents((int) Math.min(Integer.MAX_VALUE, timeoutMillis));
        for (int i = 0; i < ready; i++) completed.completed(connections[eventIndex(i)]);
    }

    @Override
    public void finishConnect(Connection c) throws IOException {
        scratch.putInt(0, 0).putInt(4, 4);
        call("getsockopt(SO_ERROR)", (int) invoke(() -> (int) LinuxCalls.GETSOCKOPT.invokeExact(errno.capture, c.fd,
                LinuxCalls.SOL_SOCKET, LinuxCalls.SO_ERROR, scratchAddress, scratchAddress + 4)));
        int error = scratch.getInt(0);
        if (error != 0) throw new IOException(LinuxCalls.describeErrno(error));
        control(c, LinuxCalls.EPOLL_CTL_MOD, EPOLLIN);
    }

    /** Writes a sockaddr_in for an IPv4 address into the scratch buffer; returns its length. */
    private int putSockaddr(InetSocketAddress address) throws IOException {
        if (!(address.getAddress() instanceof Inet4Address v4)) throw new IOException("IPv4 only: " + address);
        scratch.clear();
        scratch.putShort(0, (short) LinuxCalls.AF_INET);
        scratch.order(ByteOrder.BIG_ENDIAN).putShort(2, (short) address.getPort()).order(ByteOrder.nativeOrder());
        scratch.put(4, v4.getAddress());
        scratch.putLong(8, 0);
        return 16;
    }

    private void control(Connection c, int op, int interest) throws IOException {
        scratch.putInt(0, interest).putLong(EPOLL_EVENT_DATA_OFFSET, c.index);
        call("epoll_ctl", (int) invoke(() -> (int) LinuxCalls.EPOLL_CTL.invokeExact(errno.capture, epollFd, op, c.fd, scratchAddress)));
    }

    private int waitForEvents(int timeoutMillis) throws IOException {
        int n;
        try {
            n = (int) LinuxCalls.EPOLL_WAIT.invokeExact(errno.capture, epollFd, eventsAddress, MAX_EVENTS, timeoutMillis);
        } catch (Throwable t) {
            throw rethrown(t);
        }
        if (n >= 0) return n;
        int e = errno.value();
        if (e == LinuxCalls.EINTR) return 0;
        throw new IOException("epoll_wait failed: " + LinuxCalls.describeErrno(e));
    }

    private int eventIndex(int i) {
        return (int) events.getLong(i * EPOLL_EVENT_BYTES + EPOLL_EVENT_DATA_OFFSET);
    }

    @Override
    void poll(long timeoutMillis, ReadyHandler handler) throws IOException {
        int ready = waitForEvents((int) Math.min(Integer.MAX_VALUE, timeoutMillis));
        for (int i = 0; i < ready; i++) {
            int flags = events.getInt(i * EPOLL_EVENT_BYTES);
            Connection c = connections[eventIndex(i)];
            // an error or hang-up shows as readable: the read then says which
            boolean readable = (flags & (EPOLLIN | EPOLLERR | EPOLLHUP)) != 0;
            handler.ready(c, readable, (flags & EPOLLOUT) != 0);
        }
    }

    @Override
    int read(Connection c, ByteBuffer into) throws IOException {
        if (into != readBuffer) {
            readBuffer = into;
            readAddress = LinuxCalls.address(into);
        }
        int n = transfer(LinuxCalls.RECV, "recv", c, into, readAddress, 0);
        return n == 0 && into.hasRemaining() ? -1 : Math.max(n, 0); // recv: 0 is EOF, -1 is "nothing yet"
    }

    @Override
    int write(Connection c, ByteBuffer from) throws IOException {
        if (from != writeBuffer) {
            writeBuffer = from;
            writeAddress = LinuxCalls.address(from);
        }
        return Math.max(transfer(LinuxCalls.SEND, "send", c, from, writeAddress, LinuxCalls.MSG_NOSIGNAL), 0);
    }

    /**
     * recv or send on {@code buffer}'s remaining bytes (its memory starts at {@code address}),
     * advancing its position: what the call returned, or -1 when the socket is empty or full.
     * Called with the constant handles only, so the JIT inlines the downcall.
     */
    private int transfer(MethodHandle call, String name, Connection c, ByteBuffer buffer, long address, int flags) throws IOException {
        int position = buffer.position();
        long n;
        try {
            n = (long) call.invokeExact(errno.capture, c.fd, address + position, (long) buffer.remaining(), flags);
        } catch (Throwable t) {
            throw rethrown(t);
        }
        if (n >= 0) {
            buffer.position(position + (int) n);
            return (int) n;
        }
        int e = errno.value();
        if (e == LinuxCalls.EAGAIN || e == LinuxCalls.EINTR) return -1;
        throw new IOException(name + " failed: " + LinuxCalls.describeErrno(e));
    }

    @Override
    void watchWrites(Connection c, boolean on) throws IOException {
        control(c, LinuxCalls.EPOLL_CTL_MOD, on ? EPOLLIN | EPOLLOUT : EPOLLIN);
    }

    @Override
    void close(Connection c) {
        if (c.fd >= 0) closeFd(c.fd); // closing removes it from the epoll set
        c.fd = -1;
    }

    /** Closes every connection this poller opened (a superset of {@code all}) and the poller itself. */
    @Override
    public void closeAll(Connection[] all) {
        if (closed) return;
        closed = true;
        for (Connection c : connections) {
            if (c != null) close(c);
        }
        closeFd(epollFd);
    }

    private static void closeFd(int fd) {
        try {
            int ignored = (int) LinuxCalls.CLOSE.invokeExact(fd);
        } catch (Throwable t) {
            throw rethrown(t);
        }
    }

    /** rc, or an IOException naming the call and its errno when it failed. */
    private int call(String what, int rc) throws IOException {
        if (rc < 0) throw new IOException(what + " failed: " + LinuxCalls.describeErrno(errno.value()));
        return rc;
    }

    /** A downcall, for the setup paths where a lambda costs nothing worth counting. */
    private interface Downcall {
        long call() throws Throwable;
    }

    private static long invoke(Downcall downcall) {
        try {
            return downcall.call();
        } catch (Throwable t) {
            throw rethrown(t);
        }
    }

    private static RuntimeException rethrown(Throwable t) {
        if (t instanceof RuntimeException r) return r;
        if (t instanceof Error e) throw e;
        return new IllegalStateException("downcall failed", t);
    }
}
