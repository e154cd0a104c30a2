package dev.tenantguard.agent.it;

import java.util.List;

/** The HTTP clients of {@code HttpRoutesApp}: the JDK's two, and the libraries services use. */
final class HttpClientsUnderTest {
    static final List<String> JDK = List.of("send", "async", "urlconnection");
    static final List<String> LIBRARIES = List.of("apache5", "apache5async", "apache4", "okhttp", "okhttpasync");
    static final List<String> ALL = List.of("send", "async", "urlconnection", "apache5", "apache5async", "apache4",
            "okhttp", "okhttpasync");

    private HttpClientsUnderTest() {
    }

    /** The library jars (and what they depend on) for the forked JVM's class path. */
    static String libraryJars() {
        return ForkedJvm.testJars("httpclient", "httpcore", "slf4j-api", "commons-logging", "commons-codec", "okhttp",
                "okio", "kotlin-stdlib");
    }
}
