package dev.tenantguard.agent.tooling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.tenantguard.agent.files.FilesFamily;
import dev.tenantguard.agent.http.HttpFamily;
import dev.tenantguard.agent.inbound.InboundFamily;
import dev.tenantguard.agent.jdbc.JdbcFamily;
import dev.tenantguard.agent.propagation.PropagationFamily;
import dev.tenantguard.agent.seal.ReflectionSeal;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.jar.asm.Type;
import org.junit.jupiter.api.Test;

/**
 * Every bootstrap hook that code woven with plain ASM calls is named by strings (owner, name,
 * descriptor): a renamed hook or a changed parameter would compile and then fail in the woven JDK
 * class with a NoSuchMethodError. This resolves each one against the real bootstrap classes.
 */
class WovenHooksResolveTest {
    @Test
    void everyHookCalledByWovenCodeIsAPublicStaticMethodOfTheBootstrapPart() throws Exception {
        List<String> calls = new ArrayList<>();
        List<Family> families = List.of(new FilesFamily(), new JdbcFamily(), new HttpFamily(), new PropagationFamily(),
                new InboundFamily(), new ReflectionSeal());
        for (Family family : families) {
            for (ClassWeave weave : family.jdkWeaves()) {
                for (MethodWeave method : weave.methods()) {
                    for (MethodWeave.Step step : method.entry) {
                        add(calls, step.call);
                    }
                    method.exits.forEach(call -> add(calls, call));
                    for (MethodWeave.Step step : method.returns) {
                        add(calls, step.call);
                    }
                    if (method.hookOwner != null) {
                        calls.add(method.hookOwner + "." + method.hookName + method.hookDescriptor);
                    }
                }
            }
        }
        assertFalse(calls.isEmpty());
        List<String> unresolved = new ArrayList<>();
        for (String call : calls) {
            if (!resolves(call)) {
                unresolved.add(call);
            }
        }
        assertEquals(List.of(), unresolved, "hooks called by woven code that do not exist as public static methods");
    }

    private static void add(List<String> calls, HookCall call) {
        if (call != null) {
            calls.add(call.owner + "." + call.name + call.descriptor);
        }
    }

    private static boolean resolves(String call) {
        int dot = call.lastIndexOf('.', call.indexOf('('));
        String owner = call.substring(0, dot).replace('/', '.');
        String name = call.substring(dot + 1, call.indexOf('('));
        String descriptor = call.substring(call.indexOf('('));
        if (!owner.startsWith("dev.tenantguard.internal.")) {
            return false;
        }
        Class<?> hooks;
        try {
            hooks = Class.forName(owner);
        } catch (ClassNotFoundException e) {
            return false;
        }
        for (Method method : hooks.getDeclaredMethods()) {
            if (method.getName().equals(name) && Type.getMethodDescriptor(method).equals(descriptor)
                    && Modifier.isStatic(method.getModifiers()) && Modifier.isPublic(method.getModifiers())
                    && Modifier.isPublic(method.getDeclaringClass().getModifiers())) {
                return true;
            }
        }
        return false;
    }
}
