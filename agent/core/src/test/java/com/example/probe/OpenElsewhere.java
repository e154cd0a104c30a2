package com.example.probe;

import dev.tenantguard.api.TenantContext;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

/** Opens a file the way another tenant's work would (privileged here), and finds its descriptor. */
final class OpenElsewhere {
    private OpenElsewhere() {
    }

    static FileInputStream open(Path file) {
        AtomicReference<FileInputStream> stream = new AtomicReference<>();
        TenantContext.privileged("test: another tenant's work holds its file open", () -> {
            try {
                stream.set(new FileInputStream(file.toFile()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return stream.get();
    }

    /** The number of a descriptor of this process open on {@code file}. */
    static String descriptorOf(Path file) {
        AtomicReference<String> found = new AtomicReference<>();
        TenantContext.privileged("test: find the descriptor", () -> {
            try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
                for (Path fd : fds) {
                    try {
                        if (Files.readSymbolicLink(fd).equals(file.toRealPath())) {
                            found.set(fd.getFileName().toString());
                        }
                    } catch (IOException gone) {
                        // the directory stream's own descriptor, closed by now
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        if (found.get() == null) {
            throw new IllegalStateException("no descriptor open on " + file);
        }
        return found.get();
    }
}
