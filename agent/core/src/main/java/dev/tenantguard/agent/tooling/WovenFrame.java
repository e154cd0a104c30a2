package dev.tenantguard.agent.tooling;

import java.util.List;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * Where the values of one woven method live: its arguments in their slots, and the weave's own
 * locals in slots past every slot the original code uses, so the original code never sees them.
 */
final class WovenFrame {
    private final String owner;
    private final boolean isStatic;
    private final Type[] arguments;
    private final int[] argumentSlots;
    private final Type[] locals;
    private final int[] localSlots;
    private final int firstFreeSlot;

    WovenFrame(String owner, int access, String descriptor, int originalMaxLocals, List<String> localDescriptors) {
        this.owner = owner;
        this.isStatic = (access & Opcodes.ACC_STATIC) != 0;
        this.arguments = Type.getArgumentTypes(descriptor);
        this.argumentSlots = new int[arguments.length];
        int slot = isStatic ? 0 : 1;
        for (int i = 0; i < arguments.length; i++) {
            argumentSlots[i] = slot;
            slot += arguments[i].getSize();
        }
        this.firstFreeSlot = Math.max(slot, originalMaxLocals);
        this.locals = new Type[localDescriptors.size()];
        this.localSlots = new int[locals.length];
        slot = firstFreeSlot;
        for (int i = 0; i < locals.length; i++) {
            locals[i] = Type.getType(localDescriptors.get(i));
            localSlots[i] = slot;
            slot += locals[i].getSize();
        }
    }

    String owner() {
        return owner;
    }

    Type argumentType(int index) {
        return arguments[index];
    }

    int argumentSlot(int index) {
        return argumentSlots[index];
    }

    Type localType(int index) {
        return locals[index];
    }

    int localSlot(int index) {
        return localSlots[index];
    }

    boolean hasLocals() {
        return locals.length > 0;
    }

    /**
     * An expanded frame of the original code with the weave's locals added: the original's locals,
     * TOP up to the first free slot, then the weave's locals (set at entry, so live everywhere).
     */
    Object[] extend(int count, Object[] frameLocals) {
        int slots = 0;
        for (int i = 0; i < count; i++) {
            slots += frameLocals[i] == Opcodes.LONG || frameLocals[i] == Opcodes.DOUBLE ? 2 : 1;
        }
        Object[] extended = new Object[count + (firstFreeSlot - slots) + locals.length];
        System.arraycopy(frameLocals, 0, extended, 0, count);
        int next = count;
        for (int s = slots; s < firstFreeSlot; s++) {
            extended[next++] = Opcodes.TOP;
        }
        for (Type local : locals) {
            extended[next++] = frameType(local);
        }
        return extended;
    }

    /**
     * The frame at the handler that runs the exits when a throwable leaves the method: only
     * {@code this} and the weave's locals are known (the original code may reuse any other slot).
     */
    Object[] handlerLocals() {
        Object[] frameLocals = new Object[firstFreeSlot + locals.length];
        int next = 0;
        if (!isStatic) {
            frameLocals[next++] = owner;
        }
        while (next < firstFreeSlot) {
            frameLocals[next++] = Opcodes.TOP;
        }
        for (Type local : locals) {
            frameLocals[next++] = frameType(local);
        }
        return frameLocals;
    }

    private static Object frameType(Type type) {
        switch (type.getSort()) {
            case Type.BOOLEAN:
            case Type.BYTE:
            case Type.CHAR:
            case Type.SHORT:
            case Type.INT:
                return Opcodes.INTEGER;
            case Type.LONG:
                return Opcodes.LONG;
            case Type.FLOAT:
                return Opcodes.FLOAT;
            case Type.DOUBLE:
                return Opcodes.DOUBLE;
            default:
                return type.getInternalName();
        }
    }
}
