package org.iobench.api;

/**
 * A family is one classpath: the servers that can share a JVM. Netty 4.1 and 4.2 cannot, and the
 * native servers are not Java at all, so each family lives in its own module under
 * {@code implementations/} and each server runs as its own process.
 */
public enum Family {
    JDK("jdk"),
    NETTY("netty"),
    NETTY42("netty42"),
    NATIVE("native");

    /** The module folder under {@code implementations/}. */
    public final String module;

    Family(String module) {
        this.module = module;
    }

    public boolean isJava() {
        return this != NATIVE;
    }
}
