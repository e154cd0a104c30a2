package dev.tenantguard.agent.policy;

/**
 * What the http rules say about one outbound URL that a rule covers: the rule, the tenant the URL
 * belongs to, and the normalized URL for reports. Also the fail-closed outcomes:
 *
 * <ul>
 *   <li><b>unparseable</b>: an http(s) URL that cannot be read reliably; no tenant is allowed it.</li>
 *   <li><b>not verified</b>: a rule names an address and the URL's host could not be resolved to
 *       addresses ({@link #notVerified()}); no tenant is allowed it.</li>
 *   <li><b>ambiguous</b>: the two readings of the path (see {@link UrlNormalizer}) belong to
 *       different tenants, e.g. {@code /tenants/globex/%2e%2e/acme}; only a tenant both readings
 *       name would be allowed, so no tenant is.</li>
 * </ul>
 *
 * <p>The checker's decision is {@link #allows(String)}; the tenant to report is
 * {@link #crossedTenant(String)}.
 */
public final class UrlMatch {
    private final UrlRule rule;
    private final String tenant;
    private final String otherTenant;
    private final UrlNormalizer.Normalized url;
    private final String notVerified;

    private UrlMatch(UrlRule rule, String tenant, String otherTenant, UrlNormalizer.Normalized url) {
        this(rule, tenant, otherTenant, url, null);
    }

    private UrlMatch(UrlRule rule, String tenant, String otherTenant, UrlNormalizer.Normalized url, String notVerified) {
        this.rule = rule;
        this.tenant = tenant;
        this.otherTenant = otherTenant;
        this.url = url;
        this.notVerified = notVerified;
    }

    /**
     * Why the URL could not be verified against a rule that names an address — its host could not
     * be resolved — or {@code null}. No tenant is allowed such a URL.
     */
    public String notVerified() {
        return notVerified;
    }

    /**
     * Matches {@code url} against {@code rules}: for each reading of the path the first rule that
     * matches wins. {@code null} when no rule covers either reading or {@code url} is {@code null};
     * an unparseable URL gives an unparseable match.
     */
    static UrlMatch of(UrlRule[] rules, UrlNormalizer.Normalized url) {
        if (url == null) {
            return null;
        }
        if (url.isUnparseable()) {
            return new UrlMatch(null, null, null, url);
        }
        String path = url.path();
        UrlRule primaryRule = null;
        String primaryTenant = null;
        for (UrlRule rule : rules) {
            primaryTenant = rule.capture(url, path);
            if (primaryTenant == UrlRule.UNVERIFIED) {
                return new UrlMatch(rule, null, null, url, url.addressProblem());
            }
            if (primaryTenant != null) {
                primaryRule = rule;
                break;
            }
        }
        String literal = url.literalPath();
        if (literal == path) {
            return primaryRule == null ? null : new UrlMatch(primaryRule, primaryTenant, null, url);
        }
        UrlRule literalRule = null;
        String literalTenant = null;
        for (UrlRule rule : rules) {
            literalTenant = rule.capture(url, literal);
            if (literalTenant == UrlRule.UNVERIFIED) {
                return new UrlMatch(rule, null, null, url, url.addressProblem());
            }
            if (literalTenant != null) {
                literalRule = rule;
                break;
            }
        }
        if (primaryRule == null) {
            return literalRule == null ? null : new UrlMatch(literalRule, literalTenant, null, url);
        }
        String other = literalRule == null || literalTenant.equals(primaryTenant) ? null : literalTenant;
        return new UrlMatch(primaryRule, primaryTenant, other, url);
    }

    /** True when the URL could not be read reliably: a violation whatever the tenant. */
    public boolean isUnparseable() {
        return url.isUnparseable();
    }

    /** True when the readings of the path belong to different tenants: a violation for every tenant. */
    public boolean isAmbiguous() {
        return otherTenant != null;
    }

    /**
     * Whether a request for {@code currentTenant} may go to this URL: the URL was readable and every
     * reading a rule covers belongs to {@code currentTenant}. {@code false} for a {@code null} tenant.
     */
    public boolean allows(String currentTenant) {
        return tenant != null && otherTenant == null && tenant.equals(currentTenant);
    }

    /**
     * The tenant to name in a violation report for {@code currentTenant}: the captured tenant, or
     * for an ambiguous URL whose primary reading is the current tenant's, the other reading's. {@code
     * null} when {@link #allows} would allow it, or when the URL is unparseable (no tenant known).
     */
    public String crossedTenant(String currentTenant) {
        if (allows(currentTenant) || tenant == null) {
            return null;
        }
        return tenant.equals(currentTenant) ? otherTenant : tenant;
    }

    /** The rule that matched as written; {@code null} for an unparseable URL. */
    public String rule() {
        return rule == null ? null : rule.pattern();
    }

    /** The compiled rule that matched; {@code null} for an unparseable URL. */
    public UrlRule compiledRule() {
        return rule;
    }

    /**
     * The tenant the URL belongs to (by the primary reading of the path when a rule covers it);
     * {@code null} for an unparseable URL.
     */
    public String tenant() {
        return tenant;
    }

    /** For an ambiguous URL, the tenant of the literal reading of the path; else {@code null}. */
    public String otherTenant() {
        return otherTenant;
    }

    /**
     * The normalized URL, {@code scheme://host[:port]/path} without user-info, query and fragment:
     * what was really called. For an unparseable URL, the text as given (passwords masked).
     */
    public String url() {
        return url.toString();
    }

    /** The normalized URL with all its parts. */
    public UrlNormalizer.Normalized normalized() {
        return url;
    }

    @Override
    public String toString() {
        if (isUnparseable()) {
            return "unparseable " + url;
        }
        return url + " -> " + tenant + (otherTenant == null ? "" : " or " + otherTenant) + " by " + rule;
    }
}
