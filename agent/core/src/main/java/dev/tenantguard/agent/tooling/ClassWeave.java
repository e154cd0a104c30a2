package dev.tenantguard.agent.tooling;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * The weaves of one class, applied with plain ASM: no class format change (no field, method or
 * interface added), so it serves both for classes loading now and for retransformation of classes
 * already loaded.
 */
public final class ClassWeave {
    final String className;
    final String family;
    private final List<MethodWeave> methods = new ArrayList<>();

    public ClassWeave(String className, String family) {
        this.className = className;
        this.family = family;
    }

    public ClassWeave with(MethodWeave weave) {
        methods.add(weave);
        return this;
    }

    List<MethodWeave> methods() {
        return methods;
    }

    /**
     * Returns the woven class file and adds to {@code woven} a {@code name+descriptor} for each
     * method woven.
     */
    byte[] apply(byte[] classFile, Set<String> woven) {
        ClassReader reader = new ClassReader(classFile);
        Map<String, Integer> maxLocals = maxLocals(reader);
        ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                    String[] exceptions) {
                MethodVisitor target = super.visitMethod(access, name, descriptor, signature, exceptions);
                MethodWeave weave = (access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) == 0
                        ? find(name, descriptor) : null;
                if (weave == null) {
                    return target;
                }
                WovenFrame frame = new WovenFrame(className, access, descriptor,
                        maxLocals.getOrDefault(name + descriptor, 0), weave.localDescriptors);
                return new WeavingMethodVisitor(target, weave, frame, new Runnable() {
                    @Override
                    public void run() {
                        woven.add(name + descriptor);
                    }
                });
            }
        }, ClassReader.EXPAND_FRAMES);
        return writer.toByteArray();
    }

    /**
     * What is missing from a class after weaving, given the methods woven: each required weave
     * that selected no method. Empty when complete.
     */
    List<String> missing(Set<String> woven) {
        List<String> missing = new ArrayList<>();
        for (MethodWeave weave : methods) {
            boolean found = false;
            for (String method : woven) {
                int paren = method.indexOf('(');
                found |= weave.matches(method.substring(0, paren), method.substring(paren));
            }
            if (weave.required && !found) {
                missing.add(className.replace('/', '.') + "." + weave.describe());
            }
        }
        return missing;
    }

    private MethodWeave find(String name, String descriptor) {
        for (MethodWeave weave : methods) {
            if (weave.matches(name, descriptor)) {
                return weave;
            }
        }
        return null;
    }

    /** The original max locals of the woven methods, so the weave's locals go past them. */
    private Map<String, Integer> maxLocals(ClassReader reader) {
        Map<String, Integer> result = new HashMap<>();
        reader.accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                    String[] exceptions) {
                if (find(name, descriptor) == null) {
                    return null;
                }
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitMaxs(int maxStack, int maxLocalsOfMethod) {
                        result.put(name + descriptor, maxLocalsOfMethod);
                    }
                };
            }
        }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        return result;
    }
}
