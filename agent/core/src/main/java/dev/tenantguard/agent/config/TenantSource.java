package dev.tenantguard.agent.config;

import dev.tenantguard.agent.policy.HostTemplate;
import dev.tenantguard.agent.policy.PathTemplate;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * One entry of {@code tenant.from}: where in an inbound request the tenant is read.
 *
 * @param kind     the source
 * @param argument its argument as written: a header name, a host or path pattern, a claim name, a
 *                 baggage member; {@code null} when the source takes its default
 */
public record TenantSource(Kind kind, String argument) {

    /** The sources, by their name in the policy. */
    public enum Kind {
        /** A request header; argument: its name, default {@code tenant.header}. */
        HEADER("header", false),
        /** A label of the request's host; argument: a pattern such as {@code {tenant}.app.example.com}. */
        SUBDOMAIN("subdomain", true),
        /** A segment of the request's path; argument: a pattern such as {@code /t/{tenant}/**}. */
        PATH("path", true),
        /** A claim of the payload of the {@code Authorization: Bearer} token; argument: the claim name. */
        JWT_CLAIM("jwtClaim", true),
        /** A parameter of the raw query string (never the body); argument: the parameter's name. */
        QUERY("query", true),
        /** A member of the W3C {@code baggage} header; argument: the member, default {@code tenant}. */
        BAGGAGE("baggage", false),
        /**
         * Not read from the request: the tenant the application resolves for Hibernate (its
         * {@code CurrentTenantIdentifierResolver}), asked at each JDBC call that runs with no tenant.
         */
        HIBERNATE("hibernate", false);

        public final String spelling;
        public final boolean needsArgument;

        Kind(String spelling, boolean needsArgument) {
            this.spelling = spelling;
            this.needsArgument = needsArgument;
        }

        static Kind named(String spelling) {
            for (Kind kind : values()) {
                if (kind.spelling.equals(spelling)) {
                    return kind;
                }
            }
            return null;
        }

        static String known() {
            return Arrays.stream(values()).map(k -> k.spelling).collect(Collectors.joining(", "));
        }
    }

    /**
     * Checks the argument as the inbound family will use it, so that a bad one stops the start with
     * the policy's file, line and key.
     *
     * @throws IllegalArgumentException with the reason
     */
    public void validate() {
        switch (kind) {
            case HEADER:
                if (argument != null && !isToken(argument)) {
                    throw new IllegalArgumentException("not a valid HTTP header name");
                }
                break;
            case SUBDOMAIN:
                HostTemplate.compile(argument);
                break;
            case PATH:
                PathTemplate.compile(argument);
                break;
            case JWT_CLAIM:
                if (argument == null || argument.isBlank()) {
                    throw new IllegalArgumentException("the claim name is empty");
                }
                break;
            case BAGGAGE:
                if (argument != null && !isToken(argument)) {
                    throw new IllegalArgumentException("not a valid baggage member name");
                }
                break;
            case QUERY:
                if (argument == null || argument.isEmpty() || argument.indexOf('&') >= 0 || argument.indexOf('=') >= 0
                        || argument.indexOf('%') >= 0 || argument.indexOf('+') >= 0 || argument.indexOf('#') >= 0) {
                    throw new IllegalArgumentException("not a query parameter name (no &, =, %, + or #)");
                }
                break;
            case HIBERNATE:
                if (argument != null) {
                    throw new IllegalArgumentException("takes no argument: the tenant is what the application's"
                            + " CurrentTenantIdentifierResolver answers");
                }
                break;
            default:
                throw new IllegalArgumentException("unknown source");
        }
    }

    /** Whether {@code name} is an HTTP token (RFC 9110): a valid header or baggage member name. */
    public static boolean isToken(String name) {
        if (name == null || name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "!#$%&'*+-.^_`|~".indexOf(c) >= 0)) {
                return false;
            }
        }
        return true;
    }

    /** As written in the policy and in reports: {@code header}, {@code path /t/{tenant}/**}. */
    @Override
    public String toString() {
        return kind.spelling + (argument == null ? "" : " " + argument);
    }
}
