package com.example.probe;

import dev.tenantguard.api.TenantBoundaryViolation;
import dev.tenantguard.api.TenantContext;
import dev.tenantguard.api.TenantScope;
import dev.tenantguard.internal.AgentKey;
import dev.tenantguard.internal.FileHooks;
import dev.tenantguard.internal.ThreadState;
import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Application code that tries to switch the agent off: each step prints what happened. Arguments:
 * the root of the tenant folders.
 */
public final class TamperApp {
    /** Every bootstrap class that holds a guard the agent installs. */
    public static final String[] HOOKS = {"FileHooks", "JdbcHooks", "HttpHooks", "InboundHooks", "ContextHooks",
        "TenantHooks", "RedisHooks", "MessagingHooks", "AgentErrors"};
    private static int step;
    private String ownField = "mine";

    private TamperApp() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        for (String hooks : HOOKS) {
            Class<?> type = Class.forName("dev.tenantguard.internal." + hooks);
            print(hooks + ".guard setAccessible", () -> open(type.getDeclaredField("guard")));
            print(hooks + ".guard trySetAccessible", () -> type.getDeclaredField("guard").trySetAccessible() ? "OPENED" : "refused");
            print(hooks + ".guard privateLookupIn", () -> {
                MethodHandles.privateLookupIn(type, MethodHandles.lookup())
                        .findStaticVarHandle(type, "guard", type.getDeclaredField("guard").getType()).set((Object) null);
                return "OPENED";
            });
            print(hooks + ".install again", () -> {
                Class<?> guard = type.getDeclaredField("guard").getType();
                try {
                    type.getMethod("install", AgentKey.class, guard).invoke(null, null, null);
                } catch (java.lang.reflect.InvocationTargetException e) {
                    throw (Exception) e.getCause();
                }
                return "INSTALLED";
            });
        }
        print("ReflectionHooks.agentDomain setAccessible",
                () -> open(Class.forName("dev.tenantguard.internal.ReflectionHooks").getDeclaredField("agentDomain")));
        print("AgentKey.claim", () -> AgentKey.claim() == null ? "null" : "CLAIMED");
        print("AgentKey.KEY setAccessible", () -> open(AgentKey.class.getDeclaredField("KEY")));
        print("FileHooks.probe", () -> {
            FileHooks.probe(null, null);
            return "PROBED";
        });
        print("agent class field setAccessible", () -> open(Class.forName("dev.tenantguard.agent.AgentInstaller")
                .getDeclaredField("INSTALLED")));
        print("ThreadState.busy setAccessible", () -> open(ThreadState.class.getDeclaredField("busy")));
        print("ThreadState.tenant setter", () -> {
            ThreadState.current().tenant(null, "globex");
            return "SET";
        });
        print("ThreadState.busy setter", () -> {
            ThreadState.current().busy(null, true);
            return "SET";
        });
        // after all of it, the agent still guards: acme reads its own file and is refused globex's
        print("enforcement", () -> {
            try (TenantScope ignored = TenantContext.open("acme")) {
                Files.readString(root.resolve("acme/data.txt"));
                try {
                    Files.readString(root.resolve("globex/data.txt"));
                    return "own=OK other=READ";
                } catch (TenantBoundaryViolation v) {
                    return "own=OK other=BLOCKED " + v.activeTenant();
                }
            }
        });
        // the seal is narrow: the application's own reflection and the JDK's serialization still work
        print("own reflection", () -> {
            Field field = TamperApp.class.getDeclaredField("ownField");
            field.setAccessible(true);
            return "opened " + field.get(new TamperApp());
        });
        print("serialization", () -> {
            ObjectOutputStream out = new ObjectOutputStream(new ByteArrayOutputStream());
            out.writeObject(new TenantBoundaryViolation(dev.tenantguard.api.ViolationKind.CROSS_TENANT, "files", "READ",
                    "/x", "globex", "acme", "rule"));
            return "written";
        });
    }

    private static String open(Field field) {
        field.setAccessible(true);
        return "OPENED";
    }

    private static void print(String what, Attempt attempt) {
        String outcome;
        try {
            outcome = attempt.run();
        } catch (Throwable t) {
            outcome = "refused " + t.getClass().getSimpleName();
        }
        System.out.println("STEP " + step++ + " " + what + ": " + outcome);
    }

    private interface Attempt {
        String run() throws Exception;
    }
}
