package com.example.probe.maintenance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A class of which the tests exempt one method by {@code exempt.callers}
 * ({@code com.example.probe.maintenance.MaintenanceJob#purge*}): the other reads the same file.
 */
public final class MaintenanceJob {
    private MaintenanceJob() {
    }

    /** The exempted method: a maintenance read across tenants. */
    public static String purgeArchive(Path file) {
        return read(file);
    }

    /** Not exempted, though of the same class. */
    public static String export(Path file) {
        return read(file);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
