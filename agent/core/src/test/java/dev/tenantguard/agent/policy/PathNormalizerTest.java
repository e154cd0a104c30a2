package dev.tenantguard.agent.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Absolute, normalized paths the way the kernel resolves them (symbolic links aside). */
class PathNormalizerTest {

    private final PathNormalizer normalizer = new PathNormalizer("/home/app");

    @ParameterizedTest
    @ValueSource(strings = {"/", "/a", "/a/b/c.txt", "/a/.config/x", "/a/.x", "/a/..b", "/a/b.", "/a/...",
            "/a/b..", "/.hidden", "/srv/data/tenants/acme/file.csv"})
    void cleanAbsolutePathsAreReturnedAsTheSameInstance(String literal) {
        String path = new String(literal); // a fresh instance: sameness is not interning luck

        assertSame(path, normalizer.absolute(path));
    }

    @ParameterizedTest
    @CsvSource({
            "a,                 /home/app/a",
            "a/b/c,             /home/app/a/b/c",
            "./a,               /home/app/a",
            ".,                 /home/app",
            "'',                /home/app",
            "..,                /home",
            "../x,              /home/x",
            "../../x,           /x",
            "../../../../x,     /x",
            "a/../../b,         /home/b",
            ".config/x,         /home/app/.config/x",
            "a//b/,             /home/app/a/b",
    })
    void relativePathsResolveAgainstTheWorkingDirectory(String path, String expected) {
        assertEquals(expected, normalizer.absolute(path));
    }

    @ParameterizedTest
    @CsvSource({
            "/a/./b,            /a/b",
            "/a/b/.,            /a/b",
            "/./a,              /a",
            "/a/../b,           /b",
            "/a/b/..,           /a",
            "/a/b/../..,        /",
            "/..,               /",
            "/../..,            /",
            "/../../a,          /a",
            "/a/../../../b,     /b",
            "//a,               /a",
            "/a//b,             /a/b",
            "/a///b//,          /a/b",
            "/a/b/,             /a/b",
            "//,                /",
            "/.,                /",
            "/a/./../b/./c/..,  /b",
            "/a/.config/../x,   /a/x",
    })
    void dotSegmentsRepeatedAndTrailingSeparatorsAreRemoved(String path, String expected) {
        assertEquals(expected, normalizer.absolute(path));
    }

    @Test
    void uncleanPathsGiveANewString() {
        String path = "/a/./b";

        assertNotSame(path, normalizer.absolute(path));
    }

    @Test
    void theWorkingDirectoryIsNormalizedToo() {
        assertEquals("/home/app", new PathNormalizer("/home//app/").workingDirectory());
        assertEquals("/home/app", new PathNormalizer("/home/x/../app/.").workingDirectory());
        assertEquals("/", new PathNormalizer("/").workingDirectory());
        assertEquals("/", new PathNormalizer("/..").workingDirectory());
    }

    @Test
    void rootWorkingDirectory() {
        PathNormalizer root = new PathNormalizer("/");

        assertEquals("/a", root.absolute("a"));
        assertEquals("/a/b", root.absolute("./a/b/"));
        assertEquals("/", root.absolute(".."));
        assertEquals("/", root.absolute(""));
        assertEquals("/x", root.absolute("../../x"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/a", "/a/b", "a", "a/b", ".a", "a/.b", "/a/.b/c", "..a", "/a/b..c", "/..."})
    void cleanPaths(String path) {
        assertTrue(PathNormalizer.isClean(path), path);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "..", "./a", "../a", "a/.", "a/..", "a/./b", "/a/", "a/", "//", "/a//b",
            "/.", "/..", "/a/..", "/a/./b", "/a/../b"})
    void uncleanPaths(String path) {
        assertFalse(PathNormalizer.isClean(path), path);
    }

    @Test
    void isAbsolute() {
        assertTrue(PathNormalizer.isAbsolute("/"));
        assertTrue(PathNormalizer.isAbsolute("/a"));
        assertFalse(PathNormalizer.isAbsolute(""));
        assertFalse(PathNormalizer.isAbsolute("a/b"));
        assertFalse(PathNormalizer.isAbsolute("./a"));
    }
}
