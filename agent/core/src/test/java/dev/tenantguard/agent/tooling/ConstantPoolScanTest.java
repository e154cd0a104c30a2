package dev.tenantguard.agent.tooling;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tenantguard.agent.http.HttpFamily;
import dev.tenantguard.agent.inbound.InboundFamily;
import dev.tenantguard.agent.jdbc.JdbcFamily;
import dev.tenantguard.agent.propagation.PropagationFamily;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.util.List;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

class ConstantPoolScanTest {
    private static final ClassFileFilter JDBC = new JdbcFamily().libraryTypes().get(0).filter();
    private static final ClassFileFilter EXECUTORS = new PropagationFamily().libraryTypes().get(0).filter();
    private static final ClassFileFilter SERVLETS = new InboundFamily().libraryTypes().get(0).filter();
    private static final ClassFileFilter HTTP_LIBRARIES = new HttpFamily().libraryTypes().get(0).filter();
    private static final List<ClassFileFilter> ALL = List.of(JDBC, EXECUTORS, SERVLETS, HTTP_LIBRARIES);

    @Test
    void aClassThatMentionsNoneOfTheFamiliesPassesNoFilter() throws IOException {
        assertFalse(passes(Plain.class, ALL));
    }

    @Test
    void aDeclaredJdbcMethodIsSeenACalledOneIsNot() throws IOException {
        assertTrue(passes(DeclaresJdbc.class, List.of(JDBC)));
        assertFalse(passes(UsesJdbc.class, List.of(JDBC)));
    }

    @Test
    void aDeclaredRequestEntryIsSeen() throws IOException {
        ClassFileFilter asyncStart = ClassFileFilter.anyClass().declaring(List.of("start"), "(Ljava/lang/Runnable;)");
        assertTrue(passes(Entry.class, List.of(asyncStart)));
        assertFalse(passes(Plain.class, List.of(asyncStart)));
        // the servlet family also needs the servlet API in view: a start(Runnable) alone is not a container's
        assertFalse(passes(Entry.class, List.of(SERVLETS)));
    }

    @Test
    void anExecutorDeclaresAHandOverMethodThatTakesATask() throws IOException {
        assertTrue(passes(OwnExecutor.class, List.of(EXECUTORS)));
        assertFalse(passes(SubmitsJobs.class, List.of(EXECUTORS)));
    }

    @Test
    void longAndDoubleConstantsTakeTwoEntries() throws IOException {
        assertTrue(passes(WideConstants.class, List.of(ClassFileFilter.mentioning("java/sql/"))));
    }

    @Test
    void aNamedClassPassesByItsNameAlone() throws IOException {
        assertTrue(ConstantPoolScan.passes("okhttp3/OkHttpClient", classFile(Plain.class), List.of(HTTP_LIBRARIES)));
        assertFalse(passes(Plain.class, List.of(HTTP_LIBRARIES)));
    }

    @Test
    void notAClassFilePassesNoFilter() {
        assertFalse(ConstantPoolScan.passes("x/Y", new byte[] {1, 2, 3}, ALL));
    }

    private static boolean passes(Class<?> type, List<ClassFileFilter> filters) throws IOException {
        return ConstantPoolScan.passes(type.getName().replace('.', '/'), classFile(type), filters);
    }

    private static byte[] classFile(Class<?> type) throws IOException {
        try (InputStream in = type.getResourceAsStream("/" + type.getName().replace('.', '/') + ".class")) {
            return in.readAllBytes();
        }
    }

    static final class Plain {
        int value() {
            return 42;
        }
    }

    abstract static class UsesJdbc {
        abstract Connection connection();

        void update() throws Exception {
            connection().prepareStatement("update t set x = 1").executeUpdate();
        }
    }

    abstract static class DeclaresJdbc {
        abstract java.sql.ResultSet executeQuery(String sql) throws java.sql.SQLException;
    }

    static final class Entry {
        @SuppressWarnings("unused")
        private int field = 1;

        void start(Runnable task) {
            task.run();
        }
    }

    /** Named like an executor, takes no task: a job queue of the application's own. */
    static final class SubmitsJobs {
        void submit(String job) {
        }

        void execute(int times, Runnable later) {
        }
    }

    static final class OwnExecutor implements Executor {
        @Override
        public void execute(Runnable command) {
            command.run();
        }
    }

    static final class WideConstants {
        static final long BIG = 1234567890123L;
        static final double RATIO = 3.25;

        long big() {
            return BIG + (long) RATIO + System.nanoTime();
        }

        String table() {
            return java.sql.Types.class.getName() + BIG;
        }
    }
}
