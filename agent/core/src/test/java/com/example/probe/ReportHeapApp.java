package com.example.probe;

import dev.tenantguard.api.TenantContext;
import dev.tenantguard.api.TenantScope;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Run under the agent in {@code report}: tenant {@code acme} runs {@code calls} distinct SQL texts, each
 * reading another tenant's rows of {@code table} (H2 in memory), from call sites generated at run
 * time: the classes {@code gen.CallSites0 …} (on the class path), whose {@code call(n, statement,
 * sql)} runs the statement on line {@code n} of its own, one call site per line. Prints the heap
 * retained after a full collection after the first tenth of the calls and after all of them
 * ({@code HEAP <first tenth> <all>}), how long the calls took ({@code MILLIS <n>}), and the crossings the agent counted during the calls, read from
 * its MXBean ({@code COUNTED <n>}). Arguments: calls, classes, sites per class, table.
 */
public final class ReportHeapApp {
    private ReportHeapApp() {
    }

    public static void main(String[] args) throws Throwable {
        int calls = Integer.parseInt(args[0]);
        int classes = Integer.parseInt(args[1]);
        int sitesPerClass = Integer.parseInt(args[2]);
        String table = args[3];
        MethodHandle[] sites = new MethodHandle[classes];
        for (int c = 0; c < classes; c++) {
            sites[c] = MethodHandles.publicLookup().findStatic(Class.forName("gen.CallSites" + c), "call",
                    MethodType.methodType(void.class, int.class, Statement.class, String.class));
        }
        try (Connection connection = DriverManager.getConnection("jdbc:h2:mem:" + table);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE " + table + " (id BIGINT PRIMARY KEY, tenant_id VARCHAR(32))");
            long before = counted();
            long firstTenth = 0;
            long started = System.nanoTime();
            try (TenantScope ignored = TenantContext.open("acme")) {
                for (int i = 0; i < calls; i++) {
                    int site = i % (classes * sitesPerClass);
                    sites[site / sitesPerClass].invokeExact(site % sitesPerClass, statement,
                            "SELECT id FROM " + table + " WHERE tenant_id = 'globex' AND id = " + i);
                    if (i + 1 == calls / 10) {
                        firstTenth = retained();
                    }
                }
            }
            long millis = (System.nanoTime() - started) / 1_000_000;
            long all = retained();
            System.out.println("HEAP " + firstTenth + " " + all);
            System.out.println("MILLIS " + millis);
            System.out.println("COUNTED " + (counted() - before));
        }
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

    private static long retained() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
