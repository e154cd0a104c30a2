package dev.tenantguard.bench.startup;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One application whose start-up is measured, described by a properties file in
 * {@code benchmarks/startup/} (the file name is the application's name), so a new demo needs no
 * code:
 *
 * <pre>
 * jar=../test-apps/file-store/target/file-store.jar   # or classpath= and main=
 * args=target/demo-data {port}                         # space separated; {port} is a free loopback port
 * ready=^step seed-acme:                               # the output line that marks the first work done;
 *                                                      # absent: the process's exit
 * request=http://127.0.0.1:{port}/health               # optional: after ready, the first GET answered
 *                                                      # with a 2xx status (any other status fails the run)
 * requestHeaders=X-Tenant-ID: acme                     # optional: headers of that GET, separated by ;
 * policy=../test-apps/file-store/tenant-guard.yaml     # tenant-guard's policy; absent: the benchmarks'
 * arms=no-agent,tg-enforce,otel                        # optional: the only arms this application runs in
 * armsReason=its policy grants files only              # required with arms=: why the run's other arms
 *                                                      # are left out; the report prints it for each
 * </pre>
 *
 * Paths are relative to the benchmarks directory. Each launch runs in a fresh empty working
 * directory, so relative paths in {@code args} and the policy land there.
 */
record StartupApp(String name, List<String> classpathOrJar, String main, List<String> args, Pattern ready,
        String request, Map<String, String> requestHeaders, Path policy, Set<String> arms, String armsReason) {

    static List<StartupApp> load(Path dir) throws IOException {
        List<StartupApp> apps = new ArrayList<>();
        try (var files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".properties")).sorted().toList()) {
                apps.add(read(file));
            }
        }
        if (apps.isEmpty()) {
            throw new IllegalStateException("no application to start in " + dir.toAbsolutePath());
        }
        return apps;
    }

    private static StartupApp read(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        }
        String name = file.getFileName().toString().replaceFirst("\\.properties$", "");
        String jar = p.getProperty("jar");
        String classpath = p.getProperty("classpath");
        String main = p.getProperty("main");
        List<String> launch;
        if (jar != null) {
            launch = List.of("-jar", existing(file, jar).toString());
        } else if (classpath != null && main != null) {
            launch = List.of("-cp", existing(file, classpath).toString(), main);
        } else {
            throw new IllegalStateException(file + ": needs jar=, or classpath= and main=");
        }
        String args = p.getProperty("args", "").trim();
        String ready = p.getProperty("ready", "").trim();
        String policy = p.getProperty("policy", "").trim();
        String arms = blankToNull(p.getProperty("arms"));
        String armsReason = blankToNull(p.getProperty("armsReason"));
        if (arms != null && armsReason == null) {
            throw new IllegalStateException(file + ": arms= needs armsReason=, which the report gives for the arms left out");
        }
        return new StartupApp(name, launch, main, args.isEmpty() ? List.of() : List.of(args.split("\\s+")),
                ready.isEmpty() ? null : Pattern.compile(ready), blankToNull(p.getProperty("request")),
                headers(file, p.getProperty("requestHeaders", "")), policy.isEmpty() ? null : existing(file, policy),
                arms == null ? null : new LinkedHashSet<>(List.of(arms.split("\\s*,\\s*"))), armsReason);
    }

    private static Map<String, String> headers(Path file, String value) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String header : value.split(";")) {
            if (header.isBlank()) {
                continue;
            }
            int colon = header.indexOf(':');
            if (colon <= 0) {
                throw new IllegalStateException(file + ": requestHeaders= wants Name: value pairs separated by ;, not " + header.trim());
            }
            headers.put(header.substring(0, colon).trim(), header.substring(colon + 1).trim());
        }
        return headers;
    }

    /** Whether the application runs in the arm {@code armId}; {@code tg-before} (another build of the agent) where {@code tg-enforce} does. */
    boolean runsIn(String armId) {
        return arms == null || arms.contains("tg-before".equals(armId) ? "tg-enforce" : armId);
    }

    private static Path existing(Path file, String path) {
        Path resolved = Path.of(path).toAbsolutePath().normalize();
        if (!Files.exists(resolved)) {
            throw new IllegalStateException(file + ": " + resolved + " does not exist (build it first: benchmarks/run.sh does)");
        }
        return resolved;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** What marks the end of a launch, for the report. */
    String until() {
        if (request != null) {
            java.net.URI uri = java.net.URI.create(request.replace("{port}", "0"));
            return "first served request (GET " + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()) + ")";
        }
        return ready == null ? "process exit" : "first output line matching /" + ready.pattern() + "/";
    }
}
