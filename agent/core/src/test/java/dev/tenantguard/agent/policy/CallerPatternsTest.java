package dev.tenantguard.agent.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code exempt.callers}: a class (with its nested classes), a package, a package tree. */
class CallerPatternsTest {

    @Test
    void emptyList() {
        CallerPatterns none = new CallerPatterns(List.of());

        assertTrue(none.isEmpty());
        assertFalse(none.matches("com.x.Admin"));
        assertFalse(none.matches(""));
    }

    @Test
    void anyPatternMakesItNonEmpty() {
        assertFalse(new CallerPatterns(List.of("com.x.Admin")).isEmpty());
        assertFalse(new CallerPatterns(List.of("com.x.*")).isEmpty());
        assertFalse(new CallerPatterns(List.of("com.x.**")).isEmpty());
    }

    @ParameterizedTest(name = "{0} matches {1}: {2}")
    @CsvSource({
            // a class and its nested classes
            "com.x.Admin,   com.x.Admin,                 true",
            "com.x.Admin,   com.x.Admin$Job,             true",
            "com.x.Admin,   com.x.Admin$Job$1,           true",
            "com.x.Admin,   com.x.Admin$$Lambda$14,      true",
            "com.x.Admin,   com.x.AdminTool,             false",
            "com.x.Admin,   com.x.Admi,                  false",
            "com.x.Admin,   com.x.admin.Admin,           false",
            "com.x.Admin,   org.com.x.Admin,             false",
            "com.x.Admin,   com.x.Other$Admin,           false",
            // the classes of one package
            "com.x.*,       com.x.Admin,                 true",
            "com.x.*,       com.x.Admin$Job,             true",
            "com.x.*,       com.x.sub.Admin,             false",
            "com.x.*,       com.xy.Admin,                false",
            "com.x.*,       com.Admin,                   false",
            "com.x.*,       org.com.x.Admin,             false",
            // a package and its sub-packages
            "com.x.**,      com.x.Admin,                 true",
            "com.x.**,      com.x.Admin$Job,             true",
            "com.x.**,      com.x.sub.Admin,             true",
            "com.x.**,      com.x.sub.deeper.Admin$1,    true",
            "com.x.**,      com.xy.Admin,                false",
            "com.x.**,      com.Admin,                   false",
            "com.x.**,      org.com.x.Admin,             false",
    })
    void matches(String pattern, String className, boolean expected) {
        assertEquals(expected, new CallerPatterns(List.of(pattern)).matches(className));
    }

    @Test
    void anyOfSeveralPatterns() {
        CallerPatterns patterns = new CallerPatterns(List.of("com.x.Admin", "org.y.*", "net.z.**"));

        assertTrue(patterns.matches("com.x.Admin"));
        assertTrue(patterns.matches("org.y.Job"));
        assertTrue(patterns.matches("net.z.a.b.C"));
        assertFalse(patterns.matches("org.y.sub.Job"));
        assertFalse(patterns.matches("com.x.Other"));
        assertFalse(patterns.matches("net.zz.C"));
    }
}
