package dev.tenantguard.junit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Finds the policy on the test class path; one inside a jar is copied to a file for the agent. */
final class PolicyResource {
    private PolicyResource() {
    }

    static Path find(String name, Class<?> testClass) {
        return find(name, testClass.getClassLoader(), testClass.getName());
    }

    static Path find(String name, ClassLoader loader, String owner) {
        String resource = name.startsWith("/") ? name.substring(1) : name;
        URL url = loader == null ? null : loader.getResource(resource);
        if (url == null) {
            throw new IllegalStateException("tenant-guard: the policy '" + name + "' of " + owner
                    + " is not on the test class path (put it in src/test/resources)");
        }
        try {
            if (url.getProtocol().equals("file")) {
                return Path.of(url.toURI());
            }
            Path copy = Files.createTempFile("tenant-guard-policy", ".yaml");
            copy.toFile().deleteOnExit();
            try (InputStream in = url.openStream()) {
                Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
            }
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException("tenant-guard: cannot read the policy " + url, e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("tenant-guard: cannot read the policy " + url, e);
        }
    }
}
