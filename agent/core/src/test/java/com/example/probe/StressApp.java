package com.example.probe;

import dev.tenantguard.api.TenantBoundaryViolation;
import dev.tenantguard.api.TenantContext;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Load with planted crossings: 64 platform threads (and 10,000 virtual threads on 21+) started as one
 * of 4 tenants, each making its own tenant's file, JDBC and HTTP calls, and at known iterations a
 * call to the next tenant's resource. Counts what was caught, with which tenants, and what was not.
 * Arguments: tenants folder, JDBC URL, HTTP base URL, and the mode ({@code enforce} when left out). In
 * {@code report} a planted crossing must run and have its effect: the next tenant's file content, the
 * next tenant's row; the HTTP request is counted at the server. Which tenants were recorded is read from
 * the agent's report by the test.
 */
public final class StressApp {
    public static final String[] TENANTS = {"acme", "globex", "initech", "umbrella"};
    private static final int PLATFORM_THREADS = 64;
    private static final int ITERATIONS = 40;
    private static final int VIRTUAL_THREADS = 10_000;

    private static final AtomicInteger planted = new AtomicInteger();
    private static final AtomicInteger caught = new AtomicInteger();
    private static final AtomicInteger misattributed = new AtomicInteger();
    private static final AtomicInteger missed = new AtomicInteger();
    private static final AtomicInteger falsePositives = new AtomicInteger();
    private static final AtomicInteger wrongContext = new AtomicInteger();
    private static final AtomicInteger failures = new AtomicInteger();
    /** Report mode: planted crossings that ran, and those of them whose result was not the next tenant's. */
    private static final AtomicInteger ran = new AtomicInteger();
    private static final AtomicInteger wrongEffect = new AtomicInteger();
    private static boolean reportMode;

    private StressApp() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        String url = args[1];
        String http = args[2];
        reportMode = args.length > 3 && args[3].equals("report");
        try (Connection setup = DriverManager.getConnection(url)) {
            TenantContext.privileged("stress set-up", () -> {
                try (Statement s = setup.createStatement()) {
                    s.execute("CREATE TABLE orders (id INT, tenant_id VARCHAR(20))");
                    for (int i = 0; i < TENANTS.length; i++) {
                        s.execute("INSERT INTO orders VALUES (" + i + ", '" + TENANTS[i] + "')");
                    }
                }
                return null;
            });
        }
        heap("start");
        long start = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < PLATFORM_THREADS; i++) {
            String tenant = TENANTS[i % TENANTS.length];
            String other = TENANTS[(i + 1) % TENANTS.length];
            // started inside the tenant's scope: the thread carries it
            TenantContext.run(tenant, () -> {
                Thread thread = new Thread(() -> platformWork(root, url, http, tenant, other), "stress-" + tenant);
                threads.add(thread);
                thread.start();
            });
        }
        boolean finished = joinAll(threads, 45);
        report("platform", finished, start);
        heap("platform");

        if (Runtime.version().feature() >= 21) {
            reset();
            start = System.nanoTime();
            List<Thread> virtual = new ArrayList<>();
            for (int i = 0; i < VIRTUAL_THREADS; i++) {
                String tenant = TENANTS[i % TENANTS.length];
                String other = TENANTS[(i + 1) % TENANTS.length];
                // one in a hundred, each tenant in turn: 25 planted crossings per tenant
                boolean plant = i % 100 == i / 100 % TENANTS.length;
                TenantContext.run(tenant, () -> {
                    try {
                        Runnable work = () -> virtualWork(root, tenant, other, plant);
                        virtual.add((Thread) Thread.class.getMethod("startVirtualThread", Runnable.class).invoke(null, work));
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException(e);
                    }
                });
            }
            finished = joinAll(virtual, 30);
            if (!finished) {
                dumpThreads(); // what the threads that did not end are waiting for
            }
            report("virtual", finished, start);
            heap("virtual");
        }
    }

    private static void platformWork(Path root, String url, String http, String tenant, String other) {
        if (!tenant.equals(TenantContext.current())) {
            wrongContext.incrementAndGet();
            return;
        }
        try (Connection connection = DriverManager.getConnection(url)) {
            for (int iteration = 0; iteration < ITERATIONS; iteration++) {
                own(() -> Files.readString(root.resolve(tenant + "/data.txt")));
                own(() -> select(connection, tenant));
                own(() -> get(http + "/v1/tenants/" + tenant + "/ok"));
                if (iteration % 10 == 0) {
                    switch (iteration / 10 % 3) {
                        case 0 -> plant(tenant, other, other, () -> Files.readString(root.resolve(other + "/data.txt")));
                        case 1 -> plant(tenant, other, indexOf(other), () -> select(connection, other));
                        default -> plant(tenant, other, 200, () -> get(http + "/v1/tenants/" + other + "/planted"));
                    }
                }
            }
        } catch (Exception e) {
            failures.incrementAndGet();
            e.printStackTrace();
        }
    }

    private static void virtualWork(Path root, String tenant, String other, boolean plant) {
        if (!tenant.equals(TenantContext.current())) {
            wrongContext.incrementAndGet();
            return;
        }
        own(() -> Files.readString(root.resolve(tenant + "/data.txt")));
        if (plant) {
            plant(tenant, other, other, () -> Files.readString(root.resolve(other + "/data.txt")));
        }
    }

    private static Object select(Connection connection, String tenant) throws Exception {
        try (PreparedStatement statement = connection.prepareStatement("SELECT id FROM orders WHERE tenant_id = ?")) {
            statement.setString(1, tenant);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getInt(1) : null;
            }
        }
    }

    private static Object get(String url) throws Exception {
        HttpURLConnection connection = (HttpURLConnection) new URL(url).openConnection();
        try {
            return connection.getResponseCode();
        } finally {
            connection.disconnect();
        }
    }

    private static void own(Call call) {
        try {
            call.run();
        } catch (TenantBoundaryViolation v) {
            falsePositives.incrementAndGet();
            System.err.println("false positive: " + v.getMessage());
        } catch (Exception e) {
            failures.incrementAndGet();
            e.printStackTrace();
        }
    }

    private static int indexOf(String tenant) {
        return List.of(TENANTS).indexOf(tenant);
    }

    /** {@code effect}: what the call returns when it ran (report mode): the other tenant's content, row or status. */
    private static void plant(String tenant, String other, Object effect, Call call) {
        planted.incrementAndGet();
        try {
            Object result = call.run();
            if (!reportMode) {
                missed.incrementAndGet();
            } else if (effect.equals(result)) {
                ran.incrementAndGet();
            } else {
                wrongEffect.incrementAndGet();
                System.err.println("wrong effect: expected " + effect + ", got " + result);
            }
        } catch (TenantBoundaryViolation v) {
            caught.incrementAndGet();
            if (!tenant.equals(v.activeTenant()) || !other.equals(v.resourceTenant())) {
                misattributed.incrementAndGet();
                System.err.println("misattributed: expected " + tenant + " -> " + other + ": " + v.getMessage());
            }
        } catch (Exception e) {
            // HttpURLConnection wraps what is thrown while connecting
            Throwable cause = e.getCause();
            if (cause instanceof TenantBoundaryViolation v) {
                caught.incrementAndGet();
                if (!tenant.equals(v.activeTenant()) || !other.equals(v.resourceTenant())) {
                    misattributed.incrementAndGet();
                }
            } else {
                failures.incrementAndGet();
                e.printStackTrace();
            }
        }
    }

    /** Every thread, virtual ones included (JDK 21+), to stdout: the diagnosis of a round that did not end. */
    private static void dumpThreads() {
        try {
            Path dump = Files.createTempFile("stress-threads", ".txt");
            Files.delete(dump);
            Object bean = java.lang.management.ManagementFactory.getPlatformMXBean(
                    Class.forName("com.sun.management.HotSpotDiagnosticMXBean").asSubclass(
                            java.lang.management.PlatformManagedObject.class));
            Class<?> format = Class.forName("com.sun.management.HotSpotDiagnosticMXBean$ThreadDumpFormat");
            bean.getClass().getMethod("dumpThreads", String.class, format).invoke(bean, dump.toString(),
                    format.getField("TEXT_PLAIN").get(null));
            System.out.println("THREADS\n" + Files.readString(dump));
        } catch (Exception | LinkageError e) {
            System.out.println("THREADS not dumped: " + e);
            Thread.getAllStackTraces().forEach((t, frames) -> {
                System.out.println(t);
                for (StackTraceElement frame : frames) {
                    System.out.println("    at " + frame);
                }
            });
        }
    }

    private static boolean joinAll(List<Thread> threads, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        for (Thread thread : threads) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            if (thread.isAlive()) {
                return false;
            }
        }
        return true;
    }

    private static void report(String name, boolean finished, long start) {
        String outcome = reportMode ? " ran=" + ran + " wrongEffect=" + wrongEffect + " blocked=" + caught
                : " caught=" + caught + " misattributed=" + misattributed + " missed=" + missed;
        System.out.println("STEP " + name + " finished=" + finished + " planted=" + planted + outcome
                + " falsePositives=" + falsePositives + " wrongContext=" + wrongContext + " failures=" + failures);
        System.out.println("TIME " + name + " " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) + " ms");
    }

    /** The heap in use after a full collection, once the threads of a round have ended. */
    private static void heap(String after) {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            memory.gc();
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        System.out.println("HEAP " + after + " " + used);
    }

    private static void reset() {
        for (AtomicInteger counter : List.of(planted, caught, misattributed, missed, falsePositives, wrongContext, failures, ran,
                wrongEffect)) {
            counter.set(0);
        }
    }

    private interface Call {
        Object run() throws Exception;
    }
}
