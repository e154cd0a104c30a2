package dev.tenantguard.agent.redis;

import dev.tenantguard.agent.check.BoundaryEnforcer;
import dev.tenantguard.agent.config.Mode;
import dev.tenantguard.agent.policy.KeyRule;
import dev.tenantguard.agent.policy.KeyRules;
import dev.tenantguard.agent.redis.library.RedisCommandAccess;
import dev.tenantguard.api.ViolationKind;
import dev.tenantguard.internal.RedisGuard;
import dev.tenantguard.internal.RedisHooks;
import dev.tenantguard.internal.ThreadState;
import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks each key, channel and key pattern of a Redis command against {@code redis.keys} before
 * the client writes it: a key of another tenant is {@code CROSS_TENANT}, a tenant's key with no
 * tenant in context {@code NO_TENANT}, a pattern (KEYS, SCAN MATCH, PSUBSCRIBE, FLUSHDB …) that
 * can reach another tenant's keys {@code UNSCOPED_QUERY}, and a command whose keys the agent cannot
 * identify is not verified ({@code UNSCOPED_QUERY}, "could not be verified").
 *
 * <p>The allow path allocates nothing for keys given as {@code String}s: the command's spec is
 * cached per enum constant, the keys are read in place and matched in place.
 */
public final class RedisChecker implements RedisGuard {
    static final String FAMILY = "redis";
    private static final String EVERYTHING = "*";

    private final KeyRules rules;
    private final Mode mode;
    private final BoundaryEnforcer enforcer;
    /** Specs by the library's enum constant that names the command: looked up without allocating. */
    private final ConcurrentHashMap<Object, CommandSpec> specs = new ConcurrentHashMap<>();

    public RedisChecker(KeyRules rules, Mode mode, BoundaryEnforcer enforcer) {
        this.rules = rules;
        this.mode = mode;
        this.enforcer = enforcer;
    }

    @Override
    public void command(int library, Object command, ThreadState state) {
        if (state.privileged()) {
            return;
        }
        RedisCommandAccess access = RedisCommandAccess.of(library);
        if (library == RedisHooks.LETTUCE_BATCH) {
            for (Object each : (Collection<?>) command) {
                check(access, each, state.tenant());
            }
        } else {
            check(access, command, state.tenant());
        }
    }

    /** Checks one command read through {@code access}; package-private for the command-table tests. */
    void check(RedisCommandAccess access, Object command, String tenant) {
        CommandSpec spec;
        try {
            spec = spec(access, command);
        } catch (RuntimeException e) {
            unverified("?", tenant, "the command could not be read (" + e.getMessage() + ")");
            return;
        }
        if (spec == null) {
            String name = access.name(command);
            unverified(name, tenant, "the agent does not know which arguments of " + name + " are keys");
            return;
        }
        try {
            checkKeys(spec, access, command, tenant);
        } catch (IndexOutOfBoundsException | ClassCastException | IllegalStateException e) {
            unverified(spec.name, tenant, "its arguments could not be read (" + e + ")");
        }
    }

    private CommandSpec spec(RedisCommandAccess access, Object command) {
        Object keyword = access.keyword(command);
        if (keyword instanceof Enum) {
            CommandSpec spec = specs.get(keyword);
            if (spec == null) {
                spec = CommandSpec.of(access.name(command));
                if (spec != null) {
                    specs.put(keyword, spec);
                }
            }
            return spec;
        }
        return CommandSpec.of(access.name(command));
    }

    private void checkKeys(CommandSpec spec, RedisCommandAccess access, Object command, String tenant) {
        int size = access.size(command);
        switch (spec.kind) {
            case CommandSpec.KEYLESS:
                return;
            case CommandSpec.RANGE:
                range(spec, access, command, spec.first, spec.last < 0 ? size + spec.last : spec.last, spec.step,
                        size, tenant);
                return;
            case CommandSpec.NUMKEYS: {
                if (spec.last >= 0) {
                    range(spec, access, command, spec.first, spec.last, 1, size, tenant);
                }
                long n = access.number(command, spec.numkeys);
                if (n < 0 || spec.numkeys + n > size - 1) {
                    unverified(spec.name, tenant, "its number of keys could not be read");
                    return;
                }
                range(spec, access, command, spec.numkeys + 1, spec.numkeys + (int) n, 1, size, tenant);
                return;
            }
            case CommandSpec.STREAMS:
                for (int i = 0; i < size; i++) {
                    if ("STREAMS".equalsIgnoreCase(access.text(command, i))) {
                        int streams = (size - i - 1) / 2;
                        range(spec, access, command, i + 1, i + streams, 1, size, tenant);
                        return;
                    }
                }
                unverified(spec.name, tenant, "it has no STREAMS argument");
                return;
            case CommandSpec.SORT:
                key(spec, access.text(command, 0), tenant);
                for (int i = 1; i + 1 < size; i++) {
                    String option = access.text(command, i);
                    if ("STORE".equalsIgnoreCase(option)) {
                        key(spec, access.text(command, ++i), tenant);
                    } else if ("BY".equalsIgnoreCase(option) || "GET".equalsIgnoreCase(option)) {
                        String pattern = access.text(command, ++i);
                        if (!"#".equals(pattern) && !"NOSORT".equalsIgnoreCase(pattern)) {
                            pattern(spec, pattern, tenant);
                        }
                    } else if ("LIMIT".equalsIgnoreCase(option)) {
                        i += 2;
                    }
                }
                return;
            case CommandSpec.GEO_STORE:
                key(spec, access.text(command, 0), tenant);
                for (int i = 1; i + 1 < size; i++) {
                    String option = access.text(command, i);
                    if ("STORE".equalsIgnoreCase(option) || "STOREDIST".equalsIgnoreCase(option)) {
                        key(spec, access.text(command, ++i), tenant);
                    }
                }
                return;
            case CommandSpec.PATTERN:
                pattern(spec, access.text(command, spec.first), tenant);
                return;
            case CommandSpec.SCAN: {
                String match = EVERYTHING;
                for (int i = 1; i + 1 < size; i++) {
                    if ("MATCH".equalsIgnoreCase(access.text(command, i))) {
                        match = access.text(command, ++i);
                    }
                }
                pattern(spec, match, tenant);
                return;
            }
            case CommandSpec.EVERY_KEY:
                pattern(spec, EVERYTHING, tenant);
                return;
            case CommandSpec.PATTERNS:
                for (int i = 0; i < size; i++) {
                    pattern(spec, access.text(command, i), tenant);
                }
                return;
            case CommandSpec.PUBSUB: {
                String sub = size == 0 ? "" : access.text(command, 0);
                if ("CHANNELS".equalsIgnoreCase(sub) || "SHARDCHANNELS".equalsIgnoreCase(sub)) {
                    pattern(spec, size > 1 ? access.text(command, 1) : EVERYTHING, tenant);
                } else if ("NUMSUB".equalsIgnoreCase(sub) || "SHARDNUMSUB".equalsIgnoreCase(sub)) {
                    range(spec, access, command, 1, size - 1, 1, size, tenant);
                }
                return;
            }
            case CommandSpec.MEMORY:
                if (size > 1 && "USAGE".equalsIgnoreCase(access.text(command, 0))) {
                    key(spec, access.text(command, 1), tenant);
                }
                return;
            default:
                unverified(spec.name, tenant, "unknown kind of command");
        }
    }

    private void range(CommandSpec spec, RedisCommandAccess access, Object command, int first, int last, int step,
            int size, String tenant) {
        int end = Math.min(last, size - 1);
        for (int i = first; i <= end; i += step) {
            key(spec, access.text(command, i), tenant);
        }
    }

    private void key(CommandSpec spec, String key, String tenant) {
        if (key == null) {
            return;
        }
        KeyRule crossed = rules.crossed(key, tenant);
        if (crossed != null) {
            enforcer.violation(mode, tenant == null ? ViolationKind.NO_TENANT : ViolationKind.CROSS_TENANT, FAMILY,
                    spec.name, key, KeyRules.owner(crossed, key), tenant, "redis.keys " + crossed.pattern(), null);
        }
    }

    private void pattern(CommandSpec spec, String pattern, String tenant) {
        if (pattern == null) {
            return;
        }
        KeyRule reached = rules.reachedByPattern(pattern, tenant);
        if (reached != null) {
            enforcer.violation(mode, tenant == null ? ViolationKind.NO_TENANT : ViolationKind.UNSCOPED_QUERY, FAMILY,
                    spec.name, pattern, null, tenant,
                    "the pattern can reach keys of other tenants under redis.keys " + reached.pattern(), null);
        }
    }

    private void unverified(String name, String tenant, String why) {
        enforcer.violation(mode, ViolationKind.UNSCOPED_QUERY, FAMILY, name, "command " + name, null, tenant,
                "could not be verified: " + why, null);
    }
}
