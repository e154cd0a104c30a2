package dev.tenantguard.agent.it;

import com.example.probe.FileRoute;
import com.example.probe.FileRoute.Effect;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * The files each {@link FileRoute} acts on, under {@code <root>/tenants/<tenant>/}, made before the
 * probe application runs, and what the route leaves on disk when it runs.
 */
final class RouteFixtures {
    private static final String ORIGINAL_PERMISSIONS = "rw-r--r--";
    private final Path root;

    RouteFixtures(Path root) {
        this.root = root;
    }

    /**
     * One step of the probe application as tenant acme, with what it should leave behind.
     *
     * @param crossing whether a path of the step belongs to another tenant than acme
     */
    record Case(FileRoute route, Path a, Path b, boolean crossing, String original) {
        String step() {
            return route + "|acme|" + a + "|" + (b == null ? "" : b) + "|plain";
        }

        /** Whether the route's effect is on disk. */
        boolean effectVisible() throws IOException {
            return switch (route.effect()) {
                case NONE -> !(Files.isDirectory(a) || Files.readString(a).equals(original));
                case WRITTEN -> Files.readString(a).equals(Effect.TEXT);
                case CREATED -> Files.exists(a);
                case DELETED -> !Files.exists(a);
                case COPIED -> Files.exists(b) && Files.readString(b).equals(original);
                case MOVED -> !Files.exists(a) && Files.exists(b);
                case LINKED -> Files.exists(b, LinkOption.NOFOLLOW_LINKS);
                case TEMP_CREATED -> {
                    try (var entries = Files.list(a)) {
                        yield entries.findAny().isPresent();
                    }
                }
                case CHANGED -> !PosixFilePermissions.toString(Files.getPosixFilePermissions(a)).equals(ORIGINAL_PERMISSIONS)
                        || Files.getLastModifiedTime(a).toMillis() == Effect.CHANGED_TIME;
            };
        }
    }

    /** For every route: acme on its own files, acme on globex's, and for two-path routes the reverse too. */
    List<Case> ownAndCrossingCases() throws IOException {
        List<Case> cases = new ArrayList<>();
        for (FileRoute route : FileRoute.values()) {
            cases.add(prepare(route, "acme", "acme", false));
            cases.addAll(crossingCases(route));
        }
        return cases;
    }

    /** acme acting on globex's files; for two-path routes also own source, second path in globex's folder. */
    List<Case> crossingCases(FileRoute route) throws IOException {
        List<Case> cases = new ArrayList<>();
        cases.add(prepare(route, "globex", "acme", true));
        if (route.effect() == Effect.COPIED || route.effect() == Effect.MOVED || route.effect() == Effect.LINKED) {
            cases.add(prepare(route, "acme", "globex", true));
        }
        return cases;
    }

    /** Creates the files a route acts on: {@code a} in {@code owner}'s folder, {@code b} in {@code second}'s. */
    private Case prepare(FileRoute route, String owner, String second, boolean crossing) throws IOException {
        Path dir = Files.createDirectories(root.resolve("tenants").resolve(owner));
        Files.createDirectories(root.resolve("tenants").resolve(second));
        String name = route.name().toLowerCase() + "-" + owner + "-" + second;
        String original = "original content of " + name;
        Path b = null;
        Path a;
        switch (route.effect()) {
            case CREATED -> a = route == FileRoute.FILE_MKDIRS || route == FileRoute.FILES_CREATE_DIRECTORIES
                    ? dir.resolve(name).resolve("sub/leaf") : dir.resolve(name);
            case NONE -> {
                if (isListing(route)) {
                    a = Files.createDirectories(dir.resolve(name));
                    Files.writeString(a.resolve("entry.txt"), original);
                } else {
                    a = Files.writeString(dir.resolve(name + ".txt"), original);
                }
            }
            case WRITTEN, DELETED -> a = Files.writeString(dir.resolve(name + ".txt"), original);
            case TEMP_CREATED -> a = Files.createDirectories(dir.resolve(name));
            case CHANGED -> {
                a = Files.writeString(dir.resolve(name + ".txt"), original);
                Files.setPosixFilePermissions(a, PosixFilePermissions.fromString(ORIGINAL_PERMISSIONS));
            }
            default -> {
                a = Files.writeString(dir.resolve(name + ".txt"), original);
                b = root.resolve("tenants").resolve(second).resolve(name + "-second");
            }
        }
        return new Case(route, a, b, crossing, original);
    }

    private static boolean isListing(FileRoute route) {
        String name = route.name();
        return name.contains("LIST") || name.contains("WALK") || name.contains("DIRECTORY_STREAM");
    }
}
