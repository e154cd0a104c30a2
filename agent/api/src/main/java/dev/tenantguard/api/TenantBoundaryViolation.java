package dev.tenantguard.api;

/**
 * Thrown by the agent, in {@code enforce} mode, instead of a call that would cross a tenant
 * boundary. The call has not run: no file was opened, no byte sent, no statement executed.
 */
public class TenantBoundaryViolation extends SecurityException {
    private static final long serialVersionUID = 1L;

    private final ViolationKind kind;
    private final String family;
    private final String operation;
    private final String resource;
    private final String resourceTenant;
    private final String activeTenant;

    /**
     * @param kind           why the call was refused
     * @param family         {@code files}, {@code jdbc}, {@code http} or {@code context}
     * @param operation      what the call does, e.g. {@code READ}
     * @param resource       what it touches, e.g. a normalized path
     * @param resourceTenant the tenant that owns the resource
     * @param activeTenant   the tenant in context, or {@code null}
     * @param rule           the rule that assigned the resource to its tenant
     */
    public TenantBoundaryViolation(ViolationKind kind, String family, String operation, String resource,
            String resourceTenant, String activeTenant, String rule) {
        super(sentence(kind, operation, resource, resourceTenant, activeTenant, rule));
        this.kind = kind;
        this.family = family;
        this.operation = operation;
        this.resource = resource;
        this.resourceTenant = resourceTenant;
        this.activeTenant = activeTenant;
    }

    /**
     * The sentence a violation with these parts carries as its message, without creating the
     * exception: what a recorded (not thrown) violation reports.
     */
    public static String describe(ViolationKind kind, String operation, String resource, String resourceTenant,
            String activeTenant, String rule) {
        return sentence(kind, operation, resource, resourceTenant, activeTenant, rule);
    }

    private static String sentence(ViolationKind kind, String operation, String resource, String resourceTenant,
            String activeTenant, String rule) {
        if (kind == ViolationKind.INVALID_TENANT && "INBOUND".equals(operation)) {
            // a request's tenant source gave a value that is not used; rule: the source and why
            return "'" + resource + "' was not used as the tenant of a request: " + rule;
        }
        if (kind == ViolationKind.INVALID_TENANT) {
            return "'" + resource + "' is not a valid tenant id: it does not match tenant.pattern " + rule;
        }
        if (kind == ViolationKind.CONTEXT_LEAK) {
            // resource: the thread; operation: the unit of work that ended; rule: where the scope was opened
            return "tenant " + activeTenant + " was still in context on " + resource + " after " + operation
                    + " ended" + (rule == null ? "" : " (opened at " + rule + ")");
        }
        if (kind == ViolationKind.INTERNAL_ERROR) {
            // resource: where in the agent; rule: the onError choice and the error
            return "the call could not be verified: the agent's check failed in " + resource + " (" + rule + ")";
        }
        if (kind == ViolationKind.TENANT_SWITCH) {
            // resource: the unit of work (e.g. a request); resourceTenant: the tenant switched to
            return "code inside " + resource + " of tenant " + activeTenant + " switched to tenant " + resourceTenant
                    + " outside privileged";
        }
        String who = kind == ViolationKind.NO_TENANT || activeTenant == null
                ? "code running with no tenant"
                : "tenant " + activeTenant;
        if (kind == ViolationKind.NOT_VERIFIED) {
            // rule: what could not be established, as a sentence
            return who + " tried to " + operation + " " + resource + ", which could not be verified: " + rule;
        }
        if (kind == ViolationKind.UNSCOPED_QUERY) {
            return who + " tried to " + operation + " " + resource + " without restricting it to its tenant: " + rule;
        }
        String owner = resourceTenant == null ? "a tenant" : "tenant " + resourceTenant;
        return who + " tried to " + operation + " " + resource + " owned by " + owner + " (rule " + rule + ")";
    }

    public ViolationKind kind() {
        return kind;
    }

    public String family() {
        return family;
    }

    public String operation() {
        return operation;
    }

    public String resource() {
        return resource;
    }

    public String resourceTenant() {
        return resourceTenant;
    }

    /** The tenant in context when the call was made, or {@code null}. */
    public String activeTenant() {
        return activeTenant;
    }
}
