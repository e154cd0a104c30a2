package dev.tenantguard.agent.policy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * A {@code path} source: the request's raw path matched segment by segment against a pattern such
 * as {@code /t/{tenant}/**}. The captured segment is percent-decoded; path parameters
 * ({@code ;jsessionid=…}) are not part of a segment.
 */
public final class PathTemplate {
    private final List<String> segments;
    private final int tenant;

    private PathTemplate(List<String> segments, int tenant) {
        this.segments = segments;
        this.tenant = tenant;
    }

    /** @throws IllegalArgumentException with the reason when {@code pattern} is not a path pattern */
    public static PathTemplate compile(String pattern) {
        if (!pattern.startsWith("/")) {
            throw new IllegalArgumentException("a path pattern starts with /");
        }
        List<String> segments = Arrays.asList(pattern.substring(1).split("/", -1));
        if (segments.contains("..") || segments.contains(".")) {
            throw new IllegalArgumentException("a path pattern has no . or .. segments");
        }
        return new PathTemplate(segments, TemplateParts.check(segments, "segment", true));
    }

    /** The tenant segment of {@code rawPath}, or {@code null} when it does not match. */
    public String tenantOf(String rawPath) {
        if (rawPath == null || !rawPath.startsWith("/")) {
            return null;
        }
        String[] actual = rawPath.substring(1).split("/", -1);
        for (int i = 0; i < actual.length; i++) {
            int semicolon = actual[i].indexOf(';');
            if (semicolon >= 0) {
                actual[i] = actual[i].substring(0, semicolon);
            }
        }
        for (String segment : actual) {
            if (segment.equals("..") || segment.equals(".")) {
                return null; // a path that is not normalized says nothing trustworthy about its tenant
            }
        }
        String segment = TemplateParts.match(segments, tenant, actual, false);
        return segment == null ? null : decode(segment);
    }

    /** Percent-decodes a segment; a malformed escape is kept as written (tenant.pattern refuses it). */
    public static String decode(String segment) {
        if (segment.indexOf('%') < 0) {
            return segment;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(segment.length());
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '%' && i + 2 < segment.length() && hex(segment.charAt(i + 1)) >= 0 && hex(segment.charAt(i + 2)) >= 0) {
                bytes.write(hex(segment.charAt(i + 1)) * 16 + hex(segment.charAt(i + 2)));
                i += 2;
            } else if (c == '%') {
                return segment;
            } else {
                byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(encoded, 0, encoded.length);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }
}
