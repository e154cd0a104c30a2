package dev.tenantguard.agent.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code exempt.callers}: a class (with its nested classes), a package, a package tree, each optionally with #method. */
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

    @ParameterizedTest(name = "{0} matches {1}#{2}: {3}")
    @CsvSource({
            "com.x.Admin#purge,        com.x.Admin,          purge,          true",
            "com.x.Admin#purge,        com.x.Admin,          purgeAll,       false",
            "com.x.Admin#purge,        com.x.Admin,          read,           false",
            "com.x.Admin#purge,        com.x.Admin$Job,      purge,          true",
            "com.x.Admin#purge,        com.x.AdminTool,      purge,          false",
            "com.x.Admin#purge*,       com.x.Admin,          purge,          true",
            "com.x.Admin#purge*,       com.x.Admin,          purgeArchive,   true",
            "com.x.Admin#purge*,       com.x.Admin,          repurge,        false",
            "com.x.Admin#*Archive,     com.x.Admin,          purgeArchive,   true",
            "com.x.Admin#*Archive,     com.x.Admin,          purgeArchives,  false",
            "com.x.Admin#p*A*e,        com.x.Admin,          purgeArchive,   true",
            "com.x.Admin#*,            com.x.Admin,          anything,       true",
            "com.x.*#purge*,           com.x.Admin,          purgeAll,       true",
            "com.x.*#purge*,           com.x.sub.Admin,      purgeAll,       false",
            "com.x.**#purge*,          com.x.sub.Admin,      purgeAll,       true",
            "com.x.**#purge*,          com.x.sub.Admin,      read,           false",
            "com.x.Admin,              com.x.Admin,          read,           true",
    })
    void matchesMethods(String pattern, String className, String method, boolean expected) {
        assertEquals(expected, new CallerPatterns(List.of(pattern)).matches(className, method));
    }

    @Test
    void aMethodPatternDoesNotMatchWhenTheMethodIsUnknown() {
        assertFalse(new CallerPatterns(List.of("com.x.Admin#purge")).matches("com.x.Admin"));
    }

    @Test
    void methodPatternsOfOneClassAreListedForTheCheckWhenItLoads() {
        CallerPatterns patterns = new CallerPatterns(
                List.of("com.x.Admin#purge*", "com.x.Admin#rebuild", "com.x.*#read", "com.x.Other", "com.y.Job#run"));

        assertEquals(java.util.Map.of("com.x.Admin", List.of("com.x.Admin#purge*", "com.x.Admin#rebuild"),
                "com.y.Job", List.of("com.y.Job#run")), patterns.methodPatternsByClass());
        assertTrue(CallerPatterns.methodMatches("com.x.Admin#purge*", "purgeAll"));
        assertFalse(CallerPatterns.methodMatches("com.x.Admin#purge*", "read"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "com.x.Admin", "com.x.*", "com.x.**", "com.x.Admin$Job", "com.x.Admin#purge", "com.x.Admin#purge*",
            "com.x.Admin#*", "com.x.*#purge", "com.x.**#*Archive", "com.x.Admin$Job#run", "com.x._Gen#run",
    })
    void validPatterns(String pattern) {
        assertEquals(null, CallerPatterns.problem(pattern));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "com.x.Admin.purge|caller 'com.x.Admin.purge' gives a method where a class is expected: 'purge' follows"
                    + " the class com.x.Admin (write com.x.Admin#purge)",
            "com.x.Admin.purge#run|caller 'com.x.Admin.purge#run' gives a method where a class is expected: 'purge'"
                    + " follows the class com.x.Admin (write com.x.Admin#purge)",
            "com.x.admin#purge|caller 'com.x.admin#purge' gives a package where a class is expected before '#':"
                    + " com.x.admin (write com.x.admin.*#purge for the classes of that package, or name the class)",
            "com.x.Admin#Job|caller 'com.x.Admin#Job' gives a class where a method is expected after '#': Job"
                    + " (a class's nested classes are covered by the class: write com.x.Admin, or"
                    + " com.x.Admin$Nested#method)",
            "com.x#Admin.purge|caller 'com.x#Admin.purge' gives a package where a class is expected before '#':"
                    + " com.x (write com.x.*#Admin.purge for the classes of that package, or name the class)",
            "com.x.Admin#purge()|caller 'com.x.Admin#purge()' gives parameters: a method is matched by its name"
                    + " alone (write com.x.Admin#purge)",
            "com.x.Admin#|caller 'com.x.Admin#' has no method after '#'; write a class (com.x.Admin), package.* or"
                    + " package.**, optionally followed by #method (com.x.Admin#purge, * for any characters:"
                    + " com.x.Admin#purge*)",
            "com.x.Admin#a-b|caller 'com.x.Admin#a-b': 'a-b' is not a method name; write a class (com.x.Admin),"
                    + " package.* or package.**, optionally followed by #method (com.x.Admin#purge, * for any"
                    + " characters: com.x.Admin#purge*)",
            "#purge|caller '#purge' is not a class name (com.x.Foo), package.* or package.**, followed by #method",
            "com..Admin|caller 'com..Admin' is not a class name (com.x.Foo), package.* or package.**",
    })
    void invalidPatternsSayWhatToWrite(String pattern, String problem) {
        assertEquals(problem, CallerPatterns.problem(pattern));
    }
}
