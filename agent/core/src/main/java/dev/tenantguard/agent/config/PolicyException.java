package dev.tenantguard.agent.config;

/**
 * A policy that cannot be used: unknown key, bad value, unreadable or malformed file. The agent
 * refuses to start with it rather than run half-configured.
 *
 * <p>{@link #getMessage()} is one line that says where the problem is and what is wrong, e.g.
 * {@code invalid policy /srv/app/tenant-guard.yaml:7: key 'files.rules': rule '/srv/x/**' has no
 * {tenant}} or {@code invalid policy: environment variable 'TENANTGUARD_MODE': expected one of
 * enforce, report, off, got 'strict'}.
 */
public final class PolicyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;
    private final String key;

    /**
     * @param file    absolute path of the policy file, or {@code null} when the value came from
     *                an agent option, system property or environment variable
     * @param line    1-based line in {@code file}, 0 when unknown
     * @param key     the dotted policy key, or {@code null} when the problem is not about one key
     * @param where   for values that did not come from the file: which option, property or
     *                variable, e.g. {@code agent option 'mode'}; ignored when {@code file} is set
     * @param problem what is wrong, for a person
     */
    PolicyException(String file, int line, String key, String where, String problem) {
        super(message(file, line, key, where, problem));
        this.file = file;
        this.line = line;
        this.key = key;
    }

    /** The policy file the problem is in, or {@code null} if it came from an override. */
    public String file() {
        return file;
    }

    /** The 1-based line in {@link #file()}, or 0 when unknown or not from the file. */
    public int line() {
        return line;
    }

    /** The dotted key the problem is about (e.g. {@code files.rules}), or {@code null}. */
    public String key() {
        return key;
    }

    private static String message(String file, int line, String key, String where, String problem) {
        StringBuilder m = new StringBuilder("invalid policy");
        if (file != null) {
            m.append(' ').append(file);
            if (line > 0) {
                m.append(':').append(line);
            }
            m.append(": ");
            if (key != null) {
                m.append("key '").append(key).append("': ");
            }
        } else {
            m.append(": ").append(where).append(": ");
        }
        m.append(problem);
        // Values are echoed into the message; a multi-line YAML string must not split it, since
        // the message is printed as the one line that explains why the agent did not start.
        return m.toString().replace("\r", "\\r").replace("\n", "\\n");
    }
}
