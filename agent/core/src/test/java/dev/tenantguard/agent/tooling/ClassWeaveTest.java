package dev.tenantguard.agent.tooling;

import static dev.tenantguard.agent.tooling.MethodWeave.methods;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The weaver on a class defined by its own loader, so the JVM verifies the woven code (the JDK's
 * classes, loaded by the bootstrap loader, are not verified): the frames it writes must be right.
 */
class ClassWeaveTest {
    private static final String TARGET = "dev/tenantguard/agent/tooling/WeaveTarget";
    private static final String RECORDER = "dev/tenantguard/agent/tooling/WeaveRecorder";
    private static final String RUNNABLE = "Ljava/lang/Runnable;";

    @BeforeEach
    void clear() {
        WeaveRecorder.CALLS.clear();
    }

    @Test
    void entryAndExitRunAroundNormalReturnsAndTheMethodsOwnHandlersKeepTheirPriority() throws Exception {
        Object target = wovenTarget(statefulWeave(methods("(JDI)J", "sum"), Source.argument(0), Source.argument(2)));

        Object result = target.getClass().getMethod("sum", long.class, double.class, int.class).invoke(target, 10L, 2.0, 5);

        assertEquals(10L + 0 + 2 + 4 + 8, result);
        assertEquals(List.of("enter 10 5", "exit state-5"), WeaveRecorder.CALLS);
        assertEquals(List.of("caught inside"), target.getClass().getField("seen").get(target));
    }

    @Test
    void exitRunsWhenAThrowableLeavesTheMethodAndTheThrowableIsRethrown() throws Exception {
        MethodWeave weave = methods("(Ljava/lang/String;)", "fail");
        int state = weave.local("Ljava/lang/String;");
        weave.atEntryIntoLocal(state, new HookCall(RECORDER, "enterText", "(Ljava/lang/Object;Ljava/lang/String;)Ljava/lang/String;",
                Source.self(), Source.argument(0)))
                .atExit(new HookCall(RECORDER, "exit", "(Ljava/lang/String;)V", Source.local(state)));
        Object target = wovenTarget(weave);

        InvocationTargetException thrown = assertThrows(InvocationTargetException.class,
                () -> target.getClass().getMethod("fail", String.class).invoke(target, "boom"));

        assertEquals("boom!", thrown.getCause().getMessage());
        assertEquals(List.of("enter boom", "exit state-boom"), WeaveRecorder.CALLS);
    }

    @Test
    void anArgumentIsReplacedAFieldIsSetBeforeReturnAndACallIsReplaced() throws Exception {
        ClassWeave weave = new ClassWeave(TARGET, "test")
                .with(methods("(" + RUNNABLE + ")", "execute").atEntryReplacingArgument(0,
                        new HookCall(RECORDER, "wrap", "(" + RUNNABLE + ")" + RUNNABLE, Source.argument(0))))
                .with(methods("(", "<init>").beforeReturnIntoField("task", RUNNABLE,
                        new HookCall(RECORDER, "constructed", "(" + RUNNABLE + ")" + RUNNABLE, Source.field("task", RUNNABLE))))
                .with(methods("()V", "runTask").replacingCalls("java/lang/Runnable", "run", "()V", RECORDER, "replaced",
                        "(" + RUNNABLE + ")V"));
        Object target = woven(weave).getConstructor(Runnable.class)
                .newInstance((Runnable) () -> WeaveRecorder.CALLS.add("task"));

        target.getClass().getMethod("execute", Runnable.class).invoke(target, (Runnable) () -> WeaveRecorder.CALLS.add("other"));
        target.getClass().getMethod("runTask").invoke(target);

        assertEquals(List.of("constructed", "wrap", "wrapped", "other", "replaced", "task"), WeaveRecorder.CALLS);
    }

    @Test
    void onlyTheSelectedMethodsAreWoven() throws IOException {
        Set<String> woven = new HashSet<>();
        new ClassWeave(TARGET, "test").with(statefulWeave(methods("(JDI)J", "sum"), Source.argument(0), Source.argument(2)))
                .apply(classFile(), woven);

        assertEquals(Set.of("sum(JDI)J"), woven);
    }

    private static MethodWeave statefulWeave(MethodWeave weave, Source start, Source count) {
        int state = weave.local("Ljava/lang/String;");
        return weave.atEntryIntoLocal(state, new HookCall(RECORDER, "enter", "(Ljava/lang/Object;JI)Ljava/lang/String;",
                        Source.self(), start, count))
                .atExit(new HookCall(RECORDER, "exit", "(Ljava/lang/String;)V", Source.local(state)));
    }

    private static Object wovenTarget(MethodWeave weave) throws Exception {
        return woven(new ClassWeave(TARGET, "test").with(weave)).getConstructor(Runnable.class)
                .newInstance((Runnable) () -> { });
    }

    /** The target woven and defined by a loader of its own (verified by the JVM). */
    private static Class<?> woven(ClassWeave weave) throws IOException {
        byte[] bytes = weave.apply(classFile(), new HashSet<>());
        return new ClassLoader(ClassWeaveTest.class.getClassLoader()) {
            Class<?> define() {
                return defineClass(TARGET.replace('/', '.'), bytes, 0, bytes.length);
            }
        }.define();
    }

    private static byte[] classFile() throws IOException {
        try (InputStream in = ClassWeaveTest.class.getResourceAsStream("/" + TARGET + ".class")) {
            return in.readAllBytes();
        }
    }
}
