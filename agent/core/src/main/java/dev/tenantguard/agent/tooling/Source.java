package dev.tenantguard.agent.tooling;

import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/** One argument of a hook call: what the woven code pushes on the stack before calling the hook. */
public abstract class Source {
    /** Pushes the value; {@code frame} knows where the method's arguments and the weave's locals are. */
    abstract void push(MethodVisitor mv, WovenFrame frame);

    /** {@code this}. */
    public static Source self() {
        return new Source() {
            @Override
            void push(MethodVisitor mv, WovenFrame frame) {
                mv.visitVarInsn(Opcodes.ALOAD, 0);
            }
        };
    }

    /** The method's argument {@code index} (0 is the first declared parameter). */
    public static Source argument(int index) {
        return new Source() {
            @Override
            void push(MethodVisitor mv, WovenFrame frame) {
                Type type = frame.argumentType(index);
                mv.visitVarInsn(type.getOpcode(Opcodes.ILOAD), frame.argumentSlot(index));
            }
        };
    }

    /** A field of {@code this}, declared by the woven class. */
    public static Source field(String name, String descriptor) {
        return new Source() {
            @Override
            void push(MethodVisitor mv, WovenFrame frame) {
                mv.visitVarInsn(Opcodes.ALOAD, 0);
                mv.visitFieldInsn(Opcodes.GETFIELD, frame.owner(), name, descriptor);
            }
        };
    }

    /** The weave's local {@code index}, set by an earlier entry call. */
    public static Source local(int index) {
        return new Source() {
            @Override
            void push(MethodVisitor mv, WovenFrame frame) {
                mv.visitVarInsn(frame.localType(index).getOpcode(Opcodes.ILOAD), frame.localSlot(index));
            }
        };
    }

    /** A public field of the object in the weave's local {@code index}. */
    public static Source localField(int index, String owner, String name, String descriptor) {
        return new Source() {
            @Override
            void push(MethodVisitor mv, WovenFrame frame) {
                mv.visitVarInsn(Opcodes.ALOAD, frame.localSlot(index));
                mv.visitFieldInsn(Opcodes.GETFIELD, owner, name, descriptor);
            }
        };
    }

    /** The result of calling a no-argument instance method on the method's argument {@code index}. */
    public static Source argumentCall(int index, int opcode, String owner, String name, String descriptor) {
        return new Source() {
            @Override
            void push(MethodVisitor mv, WovenFrame frame) {
                mv.visitVarInsn(Opcodes.ALOAD, frame.argumentSlot(index));
                mv.visitMethodInsn(opcode, owner, name, descriptor, opcode == Opcodes.INVOKEINTERFACE);
            }
        };
    }

    /** An int constant. */
    public static Source constant(int value) {
        return new Source() {
            @Override
            void push(MethodVisitor mv, WovenFrame frame) {
                mv.visitLdcInsn(value);
            }
        };
    }
}
