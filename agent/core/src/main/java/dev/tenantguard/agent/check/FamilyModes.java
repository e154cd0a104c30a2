package dev.tenantguard.agent.check;

import dev.tenantguard.agent.config.Mode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The mode of each guarded family as it is now: the policy's at start, switched between
 * {@code report} and {@code enforce} at run time (through JMX) to promote one family at a time.
 *
 * <p>Read only once a crossing has been found ({@link BoundaryEnforcer}), never on the allow path:
 * the checkers keep the policy's mode and the enforcer asks here which one applies now.
 */
public final class FamilyModes {
    /** The families whose mode can be switched. */
    public static final String[] SWITCHABLE = {"files", "jdbc", "http"};

    private final ConcurrentHashMap<String, Mode> modes = new ConcurrentHashMap<>();

    /** No family switched: every crossing gets the mode its checker was given. */
    public static FamilyModes none() {
        return new FamilyModes();
    }

    /** Starts a guarded family at the policy's mode; only guarded families can be switched. */
    public void guarded(String family, Mode mode) {
        modes.put(family, mode);
    }

    /** The mode that applies now to a crossing of {@code family}, else {@code configured}. */
    public Mode current(String family, Mode configured) {
        Mode mode = modes.get(family);
        return mode == null ? configured : mode;
    }

    /** The current mode of a guarded family, or {@code null} when it is not guarded. */
    public Mode of(String family) {
        return modes.get(family);
    }

    /**
     * Switches a guarded family to {@code report} or {@code enforce}; returns its previous mode.
     *
     * @throws IllegalArgumentException naming what is wrong: an unknown or unguarded family, or a
     *                                  mode other than report and enforce
     */
    public Mode set(String family, String mode) {
        String name = family == null ? "" : family.trim().toLowerCase();
        if (!isSwitchable(name)) {
            throw new IllegalArgumentException("unknown family '" + family + "': one of files, jdbc, http");
        }
        Mode target;
        String value = mode == null ? "" : mode.trim().toLowerCase();
        if (value.equals("report")) {
            target = Mode.REPORT;
        } else if (value.equals("enforce")) {
            target = Mode.ENFORCE;
        } else {
            throw new IllegalArgumentException("mode '" + mode + "' cannot be set at run time: report or enforce");
        }
        if (!modes.containsKey(name)) {
            throw new IllegalArgumentException(name + " are not guarded in this JVM (the policy has no rules for"
                    + " them, or their mode is off); a family can only be switched when the agent started guarding it");
        }
        return modes.put(name, target);
    }

    /** Family → mode of the guarded families, in the order files, jdbc, http. */
    public Map<String, String> snapshot() {
        Map<String, String> result = new LinkedHashMap<>();
        for (String family : SWITCHABLE) {
            Mode mode = modes.get(family);
            result.put(family, mode == null ? "not guarded" : mode.name().toLowerCase());
        }
        return result;
    }

    private static boolean isSwitchable(String family) {
        for (String name : SWITCHABLE) {
            if (name.equals(family)) {
                return true;
            }
        }
        return false;
    }
}
