package dev.tenantguard.agent.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

class ConstantPoolScanTest {
    @Test
    void aClassThatMentionsNoneOfTheFamiliesHasNoBit() throws IOException {
        assertEquals(0, ConstantPoolScan.scan(classFile(Plain.class)));
    }

    @Test
    void aDeclaredJdbcMethodIsSeenACalledOneIsNot() throws IOException {
        int declares = ConstantPoolScan.scan(classFile(DeclaresJdbc.class));
        assertEquals(ConstantPoolScan.SQL | ConstantPoolScan.JDBC_METHOD,
                declares & (ConstantPoolScan.SQL | ConstantPoolScan.JDBC_METHOD));
        int calls = ConstantPoolScan.scan(classFile(UsesJdbc.class));
        assertEquals(ConstantPoolScan.SQL, calls & (ConstantPoolScan.SQL | ConstantPoolScan.JDBC_METHOD));
    }

    @Test
    void aDeclaredRequestEntryIsSeen() throws IOException {
        assertEquals(ConstantPoolScan.ENTRY_METHOD, ConstantPoolScan.scan(classFile(Entry.class)) & ConstantPoolScan.ENTRY_METHOD);
        assertEquals(0, ConstantPoolScan.scan(classFile(Plain.class)) & ConstantPoolScan.ENTRY_METHOD);
    }

    @Test
    void anExecutorDeclaresAHandOverMethodThatTakesATask() throws IOException {
        assertEquals(ConstantPoolScan.EXECUTOR_METHOD,
                ConstantPoolScan.scan(classFile(OwnExecutor.class)) & ConstantPoolScan.EXECUTOR_METHOD);
        assertEquals(0, ConstantPoolScan.scan(classFile(SubmitsJobs.class)) & ConstantPoolScan.EXECUTOR_METHOD);
    }

    @Test
    void longAndDoubleConstantsTakeTwoEntries() throws IOException {
        int scan = ConstantPoolScan.scan(classFile(WideConstants.class));
        assertEquals(ConstantPoolScan.SQL, scan & ConstantPoolScan.SQL);
    }

    @Test
    void notAClassFileHasNoBit() {
        assertEquals(0, ConstantPoolScan.scan(new byte[] {1, 2, 3}));
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
