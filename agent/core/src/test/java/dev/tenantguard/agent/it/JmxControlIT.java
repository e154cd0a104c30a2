package dev.tenantguard.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.tools.attach.VirtualMachine;
import dev.tenantguard.agent.control.TenantGuardControl;
import dev.tenantguard.agent.control.TenantGuardMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.management.JMX;
import javax.management.MBeanServerConnection;
import javax.management.Notification;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MXBean of a JVM started with the agent in {@code report} mode, driven from outside as an
 * operator would (the JVM's local JMX connector): counters, and files promoted to {@code enforce}
 * and back at run time.
 */
class JmxControlIT {
    @TempDir
    Path root;
    private Path acmeFile;
    private Path globexFile;
    private Path policy;

    @BeforeEach
    void files() throws Exception {
        policy = PolicyFiles.write(root, "report", "");
        acmeFile = Files.writeString(root.resolve("tenants/acme/invoice.txt"), "acme invoice");
        globexFile = Files.writeString(root.resolve("tenants/globex/invoice.txt"), "globex invoice");
    }

    @Test
    void filesArePromotedFromReportToEnforceAndBackThroughJmx() throws Exception {
        try (RunningJvm app = RunningJvm.start(root, List.of(), List.of("-javaagent:" + ForkedJvm.agentJar() + "=config="
                + policy));
                JMXConnector jmx = connect(app.pid)) {
            MBeanServerConnection server = jmx.getMBeanServerConnection();
            ObjectName name = new ObjectName(TenantGuardControl.OBJECT_NAME);
            awaitRegistered(server, name);
            TenantGuardMXBean agent = JMX.newMXBeanProxy(server, name, TenantGuardMXBean.class, true);
            BlockingQueue<Notification> notifications = new LinkedBlockingQueue<>();
            server.addNotificationListener(name, (n, handback) -> notifications.add(n), null, null);
            assertEquals("-javaagent", agent.getStartedBy());
            assertEquals(policy.toString(), agent.getPolicy());
            assertEquals("report", agent.getFilesMode());
            assertEquals("not guarded", agent.getJdbcMode());
            assertEquals(0, agent.getViolations());

            assertEquals("OK globex invoice", app.send("read acme " + globexFile), "report mode lets it through");
            assertEquals(1, agent.getReported());
            Notification first = notifications.poll(30, TimeUnit.SECONDS);
            assertEquals(TenantGuardControl.VIOLATION, first.getType());
            assertEquals("tenant acme tried to READ " + globexFile + " owned by tenant globex (rule " + root.resolve("tenants")
                    + "/{tenant}/**)", first.getMessage());
            assertTrue(((String) first.getUserData()).contains("\"action\":\"REPORTED\""), first.getUserData().toString());

            assertEquals("files switched from report to enforce through JMX", agent.enforce("files"));
            assertEquals("enforce", agent.getFilesMode());
            assertTrue(app.send("read acme " + globexFile).startsWith("BLOCKED CROSS_TENANT tenant acme tried to READ"));
            assertEquals("OK acme invoice", app.send("read acme " + acmeFile), "the tenant's own file is still allowed");
            assertTrue(notifications.poll(30, TimeUnit.SECONDS).getUserData().toString().contains("\"action\":\"BLOCKED\""));

            assertEquals(2, agent.getViolations());
            assertEquals(1, agent.getBlocked());
            assertEquals(1, agent.getReported());
            assertEquals(Map.of("CROSS_TENANT", 2L), agent.getViolationsByKind());
            assertEquals(Map.of("files", 2L), agent.getViolationsByFamily());

            IllegalArgumentException unguarded = assertThrows(IllegalArgumentException.class,
                    () -> agent.setMode("jdbc", "enforce"));
            assertTrue(unguarded.getMessage().startsWith("jdbc are not guarded in this JVM"), unguarded.getMessage());
            IllegalArgumentException off = assertThrows(IllegalArgumentException.class, () -> agent.setMode("files", "off"));
            assertEquals("mode 'off' cannot be set at run time: report or enforce", off.getMessage());
            assertEquals("enforce", agent.getFilesMode(), "a refused switch changes nothing");

            assertEquals("files switched from enforce to report through JMX", agent.report("files"));
            assertEquals("OK globex invoice", app.send("read acme " + globexFile));
            assertEquals(3, agent.getViolations());
            assertEquals(2, agent.getReported());

            jmx.close(); // before the JVM it talks to ends
            assertEquals(0, app.quit());
            String stderr = app.stderr();
            assertTrue(stderr.contains("tenant-guard: files switched from report to enforce through JMX"), stderr);
            assertTrue(stderr.contains("tenant-guard: files switched from enforce to report through JMX"), stderr);
        }
    }

    @Test
    void jdbcIsPromotedToEnforceWhileFilesStayInReport() throws Exception {
        String h2 = Path.of(org.h2.Driver.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        try (RunningJvm app = RunningJvm.start(root, List.of(h2), List.of("-javaagent:" + ForkedJvm.agentJar() + "=config="
                + policy + ",jdbc.column=tenant_id,jdbc.tables=orders"));
                JMXConnector jmx = connect(app.pid)) {
            MBeanServerConnection server = jmx.getMBeanServerConnection();
            ObjectName name = new ObjectName(TenantGuardControl.OBJECT_NAME);
            awaitRegistered(server, name);
            TenantGuardMXBean agent = JMX.newMXBeanProxy(server, name, TenantGuardMXBean.class);
            assertEquals("OK false", app.send("sql !migration CREATE TABLE orders (id INT, tenant_id VARCHAR(20))"));
            assertEquals("OK false", app.send("sql acme INSERT INTO orders (id, tenant_id) VALUES (1, 'acme')"));
            assertEquals(0, agent.getViolations());
            assertEquals(1, agent.getPrivilegedScopes());
            assertEquals("report", agent.getJdbcMode());

            assertEquals("OK true", app.send("sql acme SELECT * FROM orders"), "report: the unscoped query runs");
            assertEquals("jdbc switched from report to enforce through JMX", agent.enforce("jdbc"));
            assertTrue(app.send("sql acme SELECT * FROM orders").startsWith("BLOCKED UNSCOPED_QUERY"));
            assertEquals("OK true", app.send("sql acme SELECT * FROM orders WHERE tenant_id = 'acme'"));
            assertEquals("OK globex invoice", app.send("read acme " + globexFile), "files are still in report mode");

            assertEquals("enforce", agent.getJdbcMode());
            assertEquals("report", agent.getFilesMode());
            assertEquals(Map.of("jdbc", 2L, "files", 1L, "context", 1L), agent.getViolationsByFamily());
            assertEquals(Map.of("UNSCOPED_QUERY", 2L, "CROSS_TENANT", 1L, "PRIVILEGED", 1L), agent.getViolationsByKind());
            assertEquals(3, agent.getViolations());
            assertEquals(1, agent.getBlocked());
            assertEquals(2, agent.getReported());
            jmx.close();
            assertEquals(0, app.quit());
        }
    }

    /**
     * The beans a JMX scraper (the Prometheus JMX exporter) turns into series: a counter per kind, family and
     * action, registered with the first violation it counts, and the mode of each family as a number.
     */
    @Test
    void metricBeansCountEachKindFamilyAndActionAndShowEachFamilysMode() throws Exception {
        try (RunningJvm app = RunningJvm.start(root, List.of(), List.of("-javaagent:" + ForkedJvm.agentJar() + "=config="
                + policy));
                JMXConnector jmx = connect(app.pid)) {
            MBeanServerConnection server = jmx.getMBeanServerConnection();
            ObjectName files = new ObjectName("dev.tenantguard:type=Family,name=files");
            ObjectName jdbc = new ObjectName("dev.tenantguard:type=Family,name=jdbc");
            ObjectName reported = new ObjectName("dev.tenantguard:type=Violations,kind=CROSS_TENANT,family=files,action=REPORTED");
            ObjectName blocked = new ObjectName("dev.tenantguard:type=Violations,kind=CROSS_TENANT,family=files,action=BLOCKED");
            awaitRegistered(server, files);
            assertEquals(1, server.getAttribute(files, "Level"), "files in report");
            assertEquals("report", server.getAttribute(files, "Mode"));
            assertEquals(0, server.getAttribute(jdbc, "Level"), "jdbc not guarded");
            assertEquals(Set.of(), server.queryNames(new ObjectName("dev.tenantguard:type=Violations,*"), null),
                    "no counter before the first violation");

            assertEquals("OK acme invoice", app.send("read acme " + acmeFile));
            assertEquals(Set.of(), server.queryNames(new ObjectName("dev.tenantguard:type=Violations,*"), null),
                    "a tenant's own file counts nothing");
            assertEquals("OK globex invoice", app.send("read acme " + globexFile));
            assertEquals("OK globex invoice", app.send("read acme " + globexFile));
            assertEquals(Set.of(reported), server.queryNames(new ObjectName("dev.tenantguard:type=Violations,*"), null));
            assertEquals(2L, server.getAttribute(reported, "Count"), "every crossing counted, the repeat too");
            assertEquals("CROSS_TENANT", server.getAttribute(reported, "Kind"));

            JMX.newMXBeanProxy(server, new ObjectName(TenantGuardControl.OBJECT_NAME), TenantGuardMXBean.class)
                    .enforce("files");
            assertEquals(2, server.getAttribute(files, "Level"), "files in enforce");
            assertTrue(app.send("read acme " + globexFile).startsWith("BLOCKED CROSS_TENANT"));
            assertEquals(1L, server.getAttribute(blocked, "Count"));
            assertEquals(2L, server.getAttribute(reported, "Count"));
            jmx.close();
            assertEquals(0, app.quit());
        }
    }

    @Test
    void aJvmWithoutJmxRunsTheAgentWithoutTheView() throws Exception {
        try (RunningJvm app = RunningJvm.start(root, List.of(), List.of("--limit-modules",
                "java.base,java.instrument,java.net.http,java.sql", "-javaagent:" + ForkedJvm.agentJar() + "=config="
                        + policy + ",mode=enforce"))) {
            assertTrue(app.send("mbean").startsWith("FAILED java.lang.NoClassDefFoundError: java/lang/management"),
                    "this JVM has no JMX");
            assertTrue(app.send("read acme " + globexFile).startsWith("BLOCKED CROSS_TENANT"));
            assertEquals("OK acme invoice", app.send("read acme " + acmeFile));
            assertEquals(0, app.quit());
            assertTrue(!app.stderr().contains("Exception"), app.stderr());
        }
    }

    private static JMXConnector connect(long pid) throws Exception {
        VirtualMachine vm = VirtualMachine.attach(String.valueOf(pid));
        try {
            return JMXConnectorFactory.connect(new JMXServiceURL(vm.startLocalManagementAgent()));
        } finally {
            vm.detach();
        }
    }

    /** At -javaagent start the MXBean is registered on a background thread. */
    private static void awaitRegistered(MBeanServerConnection server, ObjectName name) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!server.isRegistered(name)) {
            assertTrue(System.nanoTime() < deadline, name + " was not registered");
            Thread.sleep(20);
        }
    }
}
