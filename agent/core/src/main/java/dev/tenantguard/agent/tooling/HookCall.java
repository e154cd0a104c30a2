package dev.tenantguard.agent.tooling;

import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/** A call of a public static hook on the bootstrap class path, with the values it is given. */
public final class HookCall {
    final String owner;
    final String name;
    final String descriptor;
    private final Source[] arguments;

    public HookCall(String owner, String name, String descriptor, Source... arguments) {
        this.owner = owner;
        this.name = name;
        this.descriptor = descriptor;
        this.arguments = arguments;
        if (Type.getArgumentTypes(descriptor).length != arguments.length) {
            throw new IllegalArgumentException(owner + "." + name + descriptor + " takes "
                    + Type.getArgumentTypes(descriptor).length + " arguments, not " + arguments.length);
        }
    }

    /** Pushes the arguments and calls the hook; its result, if any, is left on the stack. */
    void emit(MethodVisitor mv, WovenFrame frame) {
        for (Source argument : arguments) {
            argument.push(mv, frame);
        }
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, owner, name, descriptor, false);
    }

    Type returnType() {
        return Type.getReturnType(descriptor);
    }
}
