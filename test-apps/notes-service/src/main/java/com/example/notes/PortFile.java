package com.example.notes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** The file a server writes its port to once it listens, for scripts and tests that start it. */
public final class PortFile {
    private PortFile() {
    }

    /** Writes the port at once (write, then rename), so a reader polling for the file never sees it half written. */
    public static void write(Path file, int port) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, Integer.toString(port));
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
