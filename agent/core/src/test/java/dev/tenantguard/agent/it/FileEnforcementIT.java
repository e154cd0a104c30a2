package dev.tenantguard.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.probe.FileRoute;
import com.example.probe.FileRoute.Effect;
import com.example.probe.FileRoutesApp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every file route, run by a real application under the real agent jar in enforce mode: allowed on
 * the tenant's own files, blocked across tenants — and a blocked call leaves the disk unchanged.
 */
class FileEnforcementIT {
    @TempDir
    Path root;

    /** One step of the probe application, with what it should leave behind. */
    private record Case(FileRoute route, Path a, Path b, boolean crossing, String original) {
        String step() {
            return route + "|acme|" + a + "|" + (b == null ? "" : b) + "|plain";
        }
    }

    @Test
    void everyRouteIsAllowedOnOwnFilesAndBlockedOnAnotherTenantsFiles() throws Exception {
        Path policy = PolicyFiles.write(root, "enforce", "");
        List<Case> cases = new ArrayList<>();
        for (FileRoute route : FileRoute.values()) {
            cases.add(prepare(route, "acme", "acme", false));
            cases.add(prepare(route, "globex", "acme", true));
            if (route.effect() == Effect.COPIED || route.effect() == Effect.MOVED || route.effect() == Effect.LINKED) {
                // the other direction: own source, second path in the other tenant's folder
                cases.add(prepare(route, "acme", "globex", true));
            }
        }
        List<String> steps = cases.stream().map(Case::step).toList();

        ForkedJvm.Result result = ForkedJvm.run(root, "config=" + policy, List.of(), Map.of(),
                FileRoutesApp.class.getName(), steps);

        assertEquals(0, result.exitCode(), result.toString());
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            String outcome = result.step(i);
            String label = c.route + " " + c.a + " " + c.b + ": " + outcome;
            if (c.crossing) {
                assertTrue(outcome.startsWith("BLOCKED CROSS_TENANT tenant acme tried to "), label);
                assertTrue(outcome.contains("owned by tenant globex"), label);
                assertFalse(effectVisible(c), "a blocked call changed the disk: " + label);
            } else {
                assertEquals("OK", outcome, label);
                if (c.route.effect() != Effect.NONE) {
                    assertTrue(effectVisible(c), "an allowed call had no effect: " + label);
                }
            }
        }
    }

    /** Creates the files a route acts on; {@code a} in {@code owner}'s folder, {@code b} in {@code second}'s. */
    private Case prepare(FileRoute route, String owner, String second, boolean crossing) throws IOException {
        Path dir = root.resolve("tenants").resolve(owner);
        String name = route.name().toLowerCase() + "-" + owner + "-" + second;
        Path b = root.resolve("tenants").resolve(second).resolve(name + "-second");
        String original = "original content of " + name;
        Path a;
        switch (route.effect()) {
            case CREATED -> {
                a = route == FileRoute.FILE_MKDIRS || route == FileRoute.FILES_CREATE_DIRECTORIES
                        ? dir.resolve(name).resolve("sub/leaf") : dir.resolve(name);
                b = null;
            }
            case NONE -> {
                if (route.name().contains("LIST") || route.name().contains("WALK")
                        || route.name().contains("DIRECTORY_STREAM")) {
                    a = Files.createDirectories(dir.resolve(name));
                    Files.writeString(a.resolve("entry.txt"), original);
                } else {
                    a = Files.writeString(dir.resolve(name + ".txt"), original);
                }
                b = null;
            }
            case WRITTEN, DELETED -> {
                a = Files.writeString(dir.resolve(name + ".txt"), original);
                b = null;
            }
            default -> a = Files.writeString(dir.resolve(name + ".txt"), original);
        }
        return new Case(route, a, b, crossing, original);
    }

    private static boolean effectVisible(Case c) throws IOException {
        return switch (c.route.effect()) {
            case NONE -> !(Files.isDirectory(c.a) || Files.readString(c.a).equals(c.original));
            case WRITTEN -> Files.readString(c.a).equals(Effect.TEXT);
            case CREATED -> Files.exists(c.a);
            case DELETED -> !Files.exists(c.a);
            case COPIED -> Files.exists(c.b) && Files.readString(c.b).equals(c.original);
            case MOVED -> !Files.exists(c.a) && Files.exists(c.b);
            case LINKED -> Files.exists(c.b, LinkOption.NOFOLLOW_LINKS);
        };
    }
}
