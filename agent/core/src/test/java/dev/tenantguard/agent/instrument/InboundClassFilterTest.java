package dev.tenantguard.agent.instrument;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class InboundClassFilterTest {

    @Test
    void servletsFiltersAndAsyncContextsOfBothApisPassTheScan() throws IOException {
        for (String type : new String[] {"jakarta.servlet.http.HttpServlet", "javax.servlet.http.HttpServlet",
                "com.example.probe.inbound.JettyServerApp$WorkFilter", "com.example.probe.inbound.TomcatServerApp$WorkFilter",
                "org.apache.catalina.core.AsyncContextImpl", "org.eclipse.jetty.ee10.servlet.ServletContextHandler"}) {
            assertTrue(InboundClassFilter.mayHoldAnEntry(internal(type), bytes(type)), type);
        }
        assertTrue(InboundClassFilter.mayHoldAnEntry("com/sun/net/httpserver/Filter$Chain", new byte[0]));
    }

    @Test
    void otherClassesAreSkippedWithoutParsing() throws IOException {
        for (String type : new String[] {"java.lang.String", "org.junit.jupiter.api.Test",
                "org.apache.catalina.startup.Tomcat", "org.eclipse.jetty.server.Server"}) {
            assertFalse(InboundClassFilter.mayHoldAnEntry(internal(type), bytes(type)), type);
        }
        assertFalse(InboundClassFilter.mayHoldAnEntry("x/Y", null));
    }

    private static String internal(String type) {
        return type.replace('.', '/');
    }

    private static byte[] bytes(String type) throws IOException {
        try (InputStream in = ClassLoader.getSystemResourceAsStream(internal(type) + ".class")) {
            return in.readAllBytes();
        }
    }
}
