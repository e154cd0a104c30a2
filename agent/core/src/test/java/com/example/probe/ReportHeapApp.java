package com.example.probe;

import dev.tenantguard.api.TenantContext;
import dev.tenantguard.api.TenantScope;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Run under the agent in {@code report}: tenant {@code acme} runs one statement from each of
 * {@code classes × methods × sites} distinct call sites, each reading another tenant's rows of
 * {@code table} (H2 in memory) with an SQL text of its own (a tenth of them of a shape of their own). The call sites are the generated classes
 * {@code gen.CallSites0 …} on the class path: their methods {@code run0(Statement) …} run one statement
 * per line, each taking its text from {@link #nextSql()}. Prints the heap retained after a full
 * collection after the first tenth of the calls and after all of them ({@code HEAP <first tenth> <all>}),
 * how long the calls took ({@code MILLIS <n>}), how many were made ({@code CALLS <n>}), and the
 * crossings the agent counted during the calls, read from its MXBean ({@code COUNTED <n>}); stops
 * early when the heap fills ({@code HEAP-FULL}).
 * Arguments: classes, methods per class, sites per method, table.
 */
public final class ReportHeapApp {
    private static String select;
    private static int calls;
    private static int made;
    private static long firstTenth;

    private ReportHeapApp() {
    }

    public static void main(String[] args) throws Throwable {
        int classes = Integer.parseInt(args[0]);
        int methods = Integer.parseInt(args[1]);
        int sites = Integer.parseInt(args[2]);
        String table = args[3];
        calls = classes * methods * sites;
        select = "SELECT id FROM " + table + " WHERE tenant_id = 'globex' AND id = ";
        // every class loaded before the calls: their growth is the agent's alone
        MethodHandle[] runs = new MethodHandle[classes * methods];
        for (int c = 0; c < classes; c++) {
            Class<?> type = Class.forName("gen.CallSites" + c);
            for (int m = 0; m < methods; m++) {
                runs[c * methods + m] = MethodHandles.publicLookup().findStatic(type, "run" + m,
                        MethodType.methodType(void.class, Statement.class));
            }
        }
        try (Connection connection = DriverManager.getConnection("jdbc:h2:mem:" + table);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE " + table + " (id BIGINT PRIMARY KEY, tenant_id VARCHAR(32))");
            long before = counted();
            long started = System.nanoTime();
            try (TenantScope ignored = TenantContext.open("acme")) {
                for (MethodHandle run : runs) {
                    run.invokeExact(statement);
                }
            }
            long millis = (System.nanoTime() - started) / 1_000_000;
            long all = retained();
            System.out.println("HEAP " + firstTenth + " " + all);
            System.out.println("MILLIS " + millis);
            System.out.println("CALLS " + made);
            System.out.println("COUNTED " + (counted() - before));
        }
    }

    /**
     * The next statement's text, one of its own for every call: its own id inlined, and every tenth call
     * also its own column alias (a statement of its own shape, analysed anew). Measures the heap after
     * the first tenth.
     */
    public static String nextSql() throws InterruptedException {
        int call = made++;
        if (call == calls / 10) {
            firstTenth = retained();
        }
        if (call % 10_000 == 0) {
            stopIfHeapNearlyFull(call);
        }
        return call % 10 == 0 ? select.replace("SELECT id ", "SELECT id AS c" + call + " ") + call : select + call;
    }

    /** The crossings the agent counted (every one, deduplicated or not), from its MXBean: registered in the background. */
    private static long counted() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = new ObjectName("dev.tenantguard:type=TenantGuard");
        for (int wait = 0; wait < 200 && !server.isRegistered(name); wait++) {
            Thread.sleep(50);
        }
        return (Long) server.getAttribute(name, "Violations");
    }

    /**
     * A structure that grows without bound fills the heap long before the last call, and the JVM then
     * collects garbage for minutes before it throws: stop at once when the heap left after the last
     * collections is three quarters full ({@code HEAP-FULL <bytes> <call>}, exit status 3).
     */
    private static void stopIfHeapNearlyFull(int call) {
        long used = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            MemoryUsage afterCollection = pool.getType() == MemoryType.HEAP ? pool.getCollectionUsage() : null;
            used += afterCollection == null ? 0 : afterCollection.getUsed();
        }
        if (used > Runtime.getRuntime().maxMemory() / 4 * 3) {
            System.out.println("HEAP-FULL " + used + " " + call);
            System.out.flush();
            Runtime.getRuntime().halt(3);
        }
    }

    private static long retained() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
