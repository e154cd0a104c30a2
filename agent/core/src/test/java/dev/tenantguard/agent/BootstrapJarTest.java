package dev.tenantguard.agent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file the bootstrap classes are written to is always a new one of this user's own. */
class BootstrapJarTest {
    private static final byte[] CLASSES = {'P', 'K', 3, 4, 42};

    @TempDir
    Path dir;

    @Test
    void writesANewFileOnlyItsOwnerCanRead() throws Exception {
        Path file = BootstrapJar.writeNewFile(dir, CLASSES);

        assertEquals(dir, file.getParent());
        assertArrayEquals(CLASSES, Files.readAllBytes(file));
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void eachCallGetsAFileOfItsOwn() throws Exception {
        assertNotEquals(BootstrapJar.writeNewFile(dir, CLASSES), BootstrapJar.writeNewFile(dir, CLASSES));
    }

    @Test
    void aFileAlreadyThereIsNeitherWrittenNorUsed() throws Exception {
        Path planted = Files.writeString(dir.resolve("planted.jar"), "someone else's");

        assertFalse(BootstrapJar.writeIfNew(planted, CLASSES));
        assertEquals("someone else's", Files.readString(planted));
    }

    @Test
    void aLinkAlreadyThereIsNotFollowed() throws Exception {
        Path target = dir.resolve("target.jar");
        Path link;
        try {
            link = Files.createSymbolicLink(dir.resolve("link.jar"), target);
        } catch (UnsupportedOperationException | IOException e) {
            assumeTrue(false, "no symbolic links here: " + e);
            return;
        }

        assertFalse(BootstrapJar.writeIfNew(link, CLASSES));
        assertFalse(Files.exists(target), "the link's target was created");
        assertTrue(Files.isSymbolicLink(link));
    }
}
