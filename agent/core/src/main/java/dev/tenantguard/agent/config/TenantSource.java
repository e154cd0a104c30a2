package dev.tenantguard.agent.config;

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
        /** A member of the W3C {@code baggage} header; argument: the member, default {@code tenant}. */
        BAGGAGE("baggage", false);

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

    /** As written in the policy and in reports: {@code header}, {@code path /t/{tenant}/**}. */
    @Override
    public String toString() {
        return kind.spelling + (argument == null ? "" : " " + argument);
    }
}
