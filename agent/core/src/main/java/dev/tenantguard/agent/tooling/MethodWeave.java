package dev.tenantguard.agent.tooling;

import java.util.ArrayList;
import java.util.List;

/**
 * What is woven into the methods of one class that a name and a descriptor prefix select (not
 * abstract, not native): hook calls at entry, whose results may replace an argument or be kept in
 * locals of the weave; hook calls at every exit, normal or by a throwable; hook calls before each
 * normal return, whose result may be stored in a field; and calls of one method replaced by a
 * static hook.
 */
public final class MethodWeave {
    final String[] names;
    final String descriptorPrefix;
    final List<String> localDescriptors = new ArrayList<>();
    final List<Step> entry = new ArrayList<>();
    final List<HookCall> exits = new ArrayList<>();
    final List<Step> returns = new ArrayList<>();
    String replacedOwner;
    String replacedName;
    String replacedDescriptor;
    String hookOwner;
    String hookName;
    String hookDescriptor;
    /** Whether the class must have a method this weave selects (else the route it guards is gone). */
    boolean required = true;

    private MethodWeave(String descriptorPrefix, String... names) {
        this.names = names;
        this.descriptorPrefix = descriptorPrefix;
    }

    /** The methods called one of {@code names} whose descriptor starts with {@code descriptorPrefix}. */
    public static MethodWeave methods(String descriptorPrefix, String... names) {
        return new MethodWeave(descriptorPrefix, names);
    }

    /** A weave of a family of look-alike classes, of which each class has some methods, not all. */
    public MethodWeave optional() {
        required = false;
        return this;
    }

    /** What the weave selects, for messages: {@code name|name(descriptor prefix}. */
    String describe() {
        return String.join("|", names) + descriptorPrefix;
    }

    boolean matches(String name, String descriptor) {
        if (!descriptor.startsWith(descriptorPrefix)) {
            return false;
        }
        for (String candidate : names) {
            if (candidate.equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** Declares a local of the weave (set at entry, read at exit); returns its index. */
    public int local(String descriptor) {
        localDescriptors.add(descriptor);
        return localDescriptors.size() - 1;
    }

    /** At entry: calls the hook and drops its result, if any. */
    public MethodWeave atEntry(HookCall call) {
        entry.add(new Step(call, Step.DROP, -1, null, null));
        return this;
    }

    /** At entry: calls the hook and passes its result on as the method's argument {@code index}. */
    public MethodWeave atEntryReplacingArgument(int index, HookCall call) {
        entry.add(new Step(call, Step.ARGUMENT, index, null, null));
        return this;
    }

    /** At entry: calls the hook and keeps its result in the weave's local {@code index}. */
    public MethodWeave atEntryIntoLocal(int index, HookCall call) {
        entry.add(new Step(call, Step.LOCAL, index, null, null));
        return this;
    }

    /** At entry: keeps {@code value} in the weave's local {@code index}. */
    public MethodWeave atEntryIntoLocal(int index, Source value) {
        entry.add(new Step(value, index));
        return this;
    }

    /** At every exit, a return or a throwable leaving the method: calls the hook (which returns nothing). */
    public MethodWeave atExit(HookCall call) {
        exits.add(call);
        return this;
    }

    /** Before each normal return: calls the hook and drops its result. */
    public MethodWeave beforeReturn(HookCall call) {
        returns.add(new Step(call, Step.DROP, -1, null, null));
        return this;
    }

    /** Before each normal return: stores the hook's result in the field {@code name} of {@code this}. */
    public MethodWeave beforeReturnIntoField(String name, String descriptor, HookCall call) {
        returns.add(new Step(call, Step.FIELD, -1, name, descriptor));
        return this;
    }

    /**
     * Replaces each call of {@code owner.name descriptor} in the method by a call of the static
     * hook, which takes the receiver and the arguments and returns what the call returned.
     */
    public MethodWeave replacingCalls(String owner, String name, String descriptor, String hookOwner, String hookName,
            String hookDescriptor) {
        this.replacedOwner = owner;
        this.replacedName = name;
        this.replacedDescriptor = descriptor;
        this.hookOwner = hookOwner;
        this.hookName = hookName;
        this.hookDescriptor = hookDescriptor;
        return this;
    }

    /** A hook call and where its result goes. */
    static final class Step {
        static final int DROP = 0;
        static final int ARGUMENT = 1;
        static final int LOCAL = 2;
        static final int FIELD = 3;

        final HookCall call;
        /** Instead of a call: a value pushed as it is. */
        final Source value;
        final int target;
        final int index;
        final String fieldName;
        final String fieldDescriptor;

        Step(Source value, int local) {
            this(null, value, LOCAL, local, null, null);
        }

        Step(HookCall call, int target, int index, String fieldName, String fieldDescriptor) {
            this(call, null, target, index, fieldName, fieldDescriptor);
        }

        private Step(HookCall call, Source value, int target, int index, String fieldName, String fieldDescriptor) {
            this.call = call;
            this.value = value;
            this.target = target;
            this.index = index;
            this.fieldName = fieldName;
            this.fieldDescriptor = fieldDescriptor;
        }
    }
}
