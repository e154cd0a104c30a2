package dev.tenantguard.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.tools.attach.VirtualMachine;
import dev.tenantguard.agent.control.TenantGuardControl;
import dev.tenantguard.agent.control.TenantGuardMXBean;
import dev.tenantguard.api.TenantContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.management.JMX;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar tenant-guard-agent.jar attach <pid>} on a JVM that is already running without the
 * agent: what the person attaching sees (exit status, message) and what the running application
 * then gets.
 */
class AttachIT {
    @TempDir
    Path root;
    private Path acmeFile;
    private Path globexFile;
    private Path policy;

    @BeforeEach
    void files() throws Exception {
        policy = PolicyFiles.write(root, "enforce", "");
        acmeFile = Files.writeString(root.resolve("tenants/acme/invoice.txt"), "acme invoice");
        globexFile = Files.writeString(root.resolve("tenants/globex/invoice.txt"), "globex invoice");
    }

    @Test
    void attachGuardsTheRunningJvmRefusesABadPolicyAndASecondAttach() throws Exception {
        try (RunningJvm app = RunningJvm.start(root, List.of(apiClassPath()))) {
            assertEquals("OK globex invoice", app.send("read - " + globexFile), "unguarded before the attach");

            Path bad = Files.writeString(root.resolve("bad.yaml"), "mode: enforce\nfiles:\n  rulez: []\n");
            ForkedJvm.Result refused = RunningJvm.attach(root, app.pid, "config=bad.yaml");
            assertEquals(78, refused.exitCode(), refused.toString());
            assertTrue(refused.stderr().contains("attach to JVM " + app.pid + " failed: invalid policy " + bad
                    + ":3: key 'files.rulez'"), refused.toString());
            assertTrue(refused.stderr().contains("JVM " + app.pid + " runs on unguarded"), refused.toString());
            assertEquals("OK globex invoice", app.send("read - " + globexFile), "the target runs on, unguarded");

            ForkedJvm.Result attached = RunningJvm.attach(root, app.pid, "config=" + policy);
            assertEquals(0, attached.exitCode(), attached.toString());
            assertTrue(attached.stdout().startsWith("tenant-guard: attached to JVM " + app.pid
                    + ": enforce mode; files enforce (1 rules)"), attached.toString());
            assertTrue(app.send("read acme " + globexFile).startsWith("BLOCKED CROSS_TENANT tenant acme tried to READ "
                    + globexFile + " owned by tenant globex"));
            assertEquals("OK acme invoice", app.send("read acme " + acmeFile));

            ForkedJvm.Result second = RunningJvm.attach(root, app.pid, "config=" + policy, "mode=report");
            assertEquals(3, second.exitCode(), second.toString());
            assertTrue(second.stderr().contains("JVM " + app.pid + " already runs tenant-guard (enforce mode; files"
                    + " enforce (1 rules)"), second.toString());
            assertTrue(second.stderr().contains("attach refused, nothing was changed"), second.toString());
            assertTrue(app.send("read acme " + globexFile).startsWith("BLOCKED CROSS_TENANT"), "still enforcing");
            assertEquals("OK acme invoice", app.send("read acme " + acmeFile));
            assertEquals("startedBy=attach files=enforce violations=2", app.send("mbean"));

            assertEquals(0, app.quit());
            String stderr = app.stderr();
            assertEquals(1, stderr.lines().filter(l -> l.startsWith("tenant-guard: enforce mode; files")).count(), stderr);
            assertTrue(stderr.contains("invalid policy " + bad + ":3: key 'files.rulez'"), stderr);
            assertTrue(stderr.contains("(attach refused; this JVM runs on as before)"), stderr);
            assertTrue(!stderr.contains("Exception") && !stderr.contains("ASSERTION"), stderr);
            // Java 24+ warns on the application's stderr when a library calls sun.misc.Unsafe: the agent's
            // Byte Buddy must not (its Nexus set-up did, on attach)
            assertTrue(!stderr.contains("sun.misc.Unsafe"), stderr);
        }
    }

    @Test
    void attachIsRefusedWhenTheApplicationAlreadyLoadedTheTenantApi() throws Exception {
        try (RunningJvm app = RunningJvm.start(root, List.of(apiClassPath()))) {
            assertTrue(app.send("api").startsWith("OK jdk.internal.loader.ClassLoaders$AppClassLoader"));

            ForkedJvm.Result refused = RunningJvm.attach(root, app.pid, "config=" + policy);

            assertEquals(70, refused.exitCode(), refused.toString());
            assertTrue(refused.stderr().contains("the application already loaded dev.tenantguard."), refused.toString());
            assertTrue(refused.stderr().contains("start it with -javaagent instead"), refused.toString());
            assertEquals("OK globex invoice", app.send("read acme " + globexFile), "left as it was: unguarded");
            assertEquals("OK globex invoice", app.send("read - " + globexFile));
            assertEquals(0, app.quit());
        }
    }

    @Test
    void aJdbcDriverLoadedBeforeTheAttachIsNamedAndLeftUnchecked() throws Exception {
        String h2 = Path.of(org.h2.Driver.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        try (RunningJvm app = RunningJvm.start(root, List.of(apiClassPath(), h2))) {
            assertEquals("OK 1", app.send("h2"));

            ForkedJvm.Result attached = RunningJvm.attach(root, app.pid, "config=" + policy,
                    "jdbc.column=tenant_id,jdbc.tables=orders");

            assertEquals(0, attached.exitCode(), attached.toString());
            assertTrue(attached.stdout().contains("; jdbc enforce;"), attached.toString());
            assertTrue(attached.stdout().contains("tenant-guard: jdbc: org.h2.jdbc"), attached.toString());
            assertTrue(attached.stdout().contains("statements of these drivers and pools are NOT checked"),
                    attached.toString());
            // the documented limit: the unscoped query of the driver loaded before runs unchecked
            assertEquals("OK 2", app.send("h2"));
            assertTrue(app.send("read acme " + globexFile).startsWith("BLOCKED CROSS_TENANT"), "files are guarded");
            // the JMX view says it too, and so does the exit
            try (JMXConnector jmx = connect(app.pid)) {
                TenantGuardMXBean agent = JMX.newMXBeanProxy(jmx.getMBeanServerConnection(),
                        new ObjectName(TenantGuardControl.OBJECT_NAME), TenantGuardMXBean.class);
                assertEquals(1, agent.getNotChecked().size(), agent.getNotChecked().toString());
                assertTrue(agent.getNotChecked().get(0).startsWith("jdbc: org.h2.jdbc")
                        && agent.getNotChecked().get(0).contains("are NOT checked"), agent.getNotChecked().toString());
                assertEquals("enforce", agent.getJdbcMode());
            }
            assertEquals(0, app.quit());
            assertTrue(app.stderr().contains("tenant-guard: at exit: jdbc: org.h2.jdbc"), app.stderr());
        }
    }

    @Test
    void theAttachCommandSaysWhatIsWrongWithItsArgumentsOrItsTarget() throws Exception {
        ForkedJvm.Result noPid = RunningJvm.agentCommand(root, List.of(), List.of("attach"));
        assertEquals(2, noPid.exitCode(), noPid.toString());
        assertTrue(noPid.stderr().startsWith("tenant-guard: no process id given\nusage: java -jar tenant-guard-agent.jar"
                + " attach <pid>"), noPid.toString());

        ForkedJvm.Result noSuchJvm = RunningJvm.agentCommand(root, List.of(), List.of("attach", "2147483646"));
        assertEquals(1, noSuchJvm.exitCode(), noSuchJvm.toString());
        assertTrue(noSuchJvm.stderr().startsWith("tenant-guard: cannot attach to JVM 2147483646: "), noSuchJvm.toString());

        ForkedJvm.Result noAttachApi = RunningJvm.agentCommand(root, List.of("--limit-modules", "java.base,java.instrument"),
                List.of("attach", "2147483646"));
        assertEquals(1, noAttachApi.exitCode(), noAttachApi.toString());
        assertTrue(noAttachApi.stderr().startsWith("tenant-guard: the Attach API (module jdk.attach) is missing from"
                + " this Java runtime"), noAttachApi.toString());
    }

    private static String apiClassPath() throws Exception {
        return Path.of(TenantContext.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    private static JMXConnector connect(long pid) throws Exception {
        VirtualMachine vm = VirtualMachine.attach(String.valueOf(pid));
        try {
            return JMXConnectorFactory.connect(new JMXServiceURL(vm.startLocalManagementAgent()));
        } finally {
            vm.detach();
        }
    }
}
