package dev.tenantguard.agent.tooling;

import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * Weaves one {@link MethodWeave} into a method read with expanded frames. Exits that must also run
 * when a throwable leaves the method get a catch-all handler appended after the original code —
 * last in the exception table, so the method's own handlers keep their priority — that runs them
 * and rethrows.
 */
final class WeavingMethodVisitor extends MethodVisitor {
    private final MethodWeave weave;
    private final WovenFrame frame;
    private final Label start = new Label();
    private final Runnable onWoven;
    private int replaced;

    /** @param onWoven called at the end when the weave took: for a call replacement, a call was found */
    WeavingMethodVisitor(MethodVisitor target, MethodWeave weave, WovenFrame frame, Runnable onWoven) {
        super(Opcodes.ASM9, target);
        this.weave = weave;
        this.frame = frame;
        this.onWoven = onWoven;
    }

    @Override
    public void visitEnd() {
        if (weave.replacedName == null || replaced > 0) {
            onWoven.run();
        }
        super.visitEnd();
    }

    @Override
    public void visitCode() {
        super.visitCode();
        for (MethodWeave.Step step : weave.entry) {
            if (step.value != null) {
                step.value.push(mv, frame);
                mv.visitVarInsn(frame.localType(step.index).getOpcode(Opcodes.ISTORE), frame.localSlot(step.index));
                continue;
            }
            step.call.emit(mv, frame);
            switch (step.target) {
                case MethodWeave.Step.ARGUMENT:
                    if (!step.call.returnType().equals(frame.argumentType(step.index))) {
                        mv.visitTypeInsn(Opcodes.CHECKCAST, frame.argumentType(step.index).getInternalName());
                    }
                    mv.visitVarInsn(frame.argumentType(step.index).getOpcode(Opcodes.ISTORE), frame.argumentSlot(step.index));
                    break;
                case MethodWeave.Step.LOCAL:
                    mv.visitVarInsn(frame.localType(step.index).getOpcode(Opcodes.ISTORE), frame.localSlot(step.index));
                    break;
                default:
                    drop(step.call);
            }
        }
        if (!weave.exits.isEmpty()) {
            mv.visitLabel(start);
        }
    }

    @Override
    public void visitFrame(int type, int numLocal, Object[] local, int numStack, Object[] stack) {
        if (!frame.hasLocals()) {
            super.visitFrame(type, numLocal, local, numStack, stack);
            return;
        }
        if (type != Opcodes.F_NEW) {
            throw new IllegalStateException("frames must be read expanded");
        }
        Object[] extended = frame.extend(numLocal, local);
        super.visitFrame(Opcodes.F_NEW, extended.length, extended, numStack, stack);
    }

    @Override
    public void visitInsn(int opcode) {
        if (opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN) {
            for (MethodWeave.Step step : weave.returns) {
                if (step.target == MethodWeave.Step.FIELD) {
                    mv.visitVarInsn(Opcodes.ALOAD, 0);
                    step.call.emit(mv, frame);
                    mv.visitFieldInsn(Opcodes.PUTFIELD, frame.owner(), step.fieldName, step.fieldDescriptor);
                } else {
                    step.call.emit(mv, frame);
                    drop(step.call);
                }
            }
            for (HookCall exit : weave.exits) {
                exit.emit(mv, frame);
                drop(exit);
            }
        }
        super.visitInsn(opcode);
    }

    @Override
    public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
        if (weave.replacedName != null && weave.replacedName.equals(name) && weave.replacedOwner.equals(owner)
                && weave.replacedDescriptor.equals(descriptor)) {
            super.visitMethodInsn(Opcodes.INVOKESTATIC, weave.hookOwner, weave.hookName, weave.hookDescriptor, false);
            replaced++;
            return;
        }
        super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
    }

    @Override
    public void visitMaxs(int maxStack, int maxLocals) {
        if (!weave.exits.isEmpty()) {
            Label handler = new Label();
            mv.visitLabel(handler);
            Object[] locals = frame.handlerLocals();
            mv.visitFrame(Opcodes.F_NEW, locals.length, locals, 1, new Object[] {"java/lang/Throwable"});
            for (HookCall exit : weave.exits) {
                exit.emit(mv, frame);
                drop(exit);
            }
            mv.visitInsn(Opcodes.ATHROW);
            mv.visitTryCatchBlock(start, handler, handler, "java/lang/Throwable");
        }
        super.visitMaxs(maxStack, maxLocals); // recomputed by the writer (COMPUTE_MAXS)
    }

    private void drop(HookCall call) {
        int size = call.returnType().getSize();
        if (size == 1) {
            mv.visitInsn(Opcodes.POP);
        } else if (size == 2) {
            mv.visitInsn(Opcodes.POP2);
        }
    }
}
