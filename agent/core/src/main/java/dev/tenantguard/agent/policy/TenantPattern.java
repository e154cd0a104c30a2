package dev.tenantguard.agent.policy;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A name pattern with {@code {tenant}} for schemas ({@code tenant_{tenant}}) and JDBC URLs
 * ({@code jdbc:postgresql://db:5432/tenant_{tenant}}). Matched case-insensitively against the whole
 * name; for a URL, against the part before its parameters ({@code ?…} or {@code ;…}).
 */
public final class TenantPattern {
    private final String text;
    private final Pattern regex;

    public TenantPattern(String text) {
        this.text = text;
        int at = text.indexOf("{tenant}");
        this.regex = Pattern.compile(Pattern.quote(text.substring(0, at)) + "([A-Za-z0-9_-]+)"
                + Pattern.quote(text.substring(at + "{tenant}".length())), Pattern.CASE_INSENSITIVE);
    }

    /** The tenant a schema name belongs to, or {@code null}. Quotes around the name are ignored. */
    public String tenantOfName(String name) {
        if (name == null) {
            return null;
        }
        String bare = name.length() > 1 && "\"`[".indexOf(name.charAt(0)) >= 0 ? name.substring(1, name.length() - 1) : name;
        Matcher m = regex.matcher(bare);
        return m.matches() ? m.group(1).toLowerCase(Locale.ROOT) : null;
    }

    /** The tenant a JDBC URL belongs to, or {@code null}. */
    public String tenantOfUrl(String url) {
        if (url == null) {
            return null;
        }
        int end = url.length();
        for (char c : new char[] {'?', ';'}) {
            int at = url.indexOf(c);
            if (at >= 0 && at < end) {
                end = at;
            }
        }
        Matcher m = regex.matcher(url.substring(0, end));
        return m.matches() ? m.group(1) : null;
    }

    @Override
    public String toString() {
        return text;
    }
}
