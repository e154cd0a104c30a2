package com.example.probe;

import dev.tenantguard.api.TenantContext;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An application that prints its own lines on stdout while its threads cross tenants at three call
 * sites, for {@code report.jsonl: stdout}. Arguments: a file of tenant {@code globex}, the number of
 * threads, the rounds per thread. Each round prints {@code APP <thread> <round> <text>} and then makes
 * the three crossings.
 */
public final class StdoutApp {
    /** Non-ASCII on purpose: the application's bytes must come out as it wrote them. */
    public static final String TEXT = "grüße, 東京 \"quoted\" {not json}";

    private StdoutApp() {
    }

    public static void main(String[] args) throws Exception {
        Path secret = Path.of(args[0]);
        int threads = Integer.parseInt(args[1]);
        int rounds = Integer.parseInt(args[2]);
        List<Thread> started = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread thread = new Thread(() -> {
                for (int i = 0; i < rounds; i++) {
                    System.out.println("APP " + id + " " + i + " " + TEXT);
                    TenantContext.run("acme", () -> readAll(secret));
                    TenantContext.run("acme", () -> open(secret));
                    readAll(secret);
                }
            }, "worker-" + t);
            started.add(thread);
            thread.start();
        }
        for (Thread thread : started) {
            thread.join();
        }
        System.out.println("APP done");
    }

    private static void readAll(Path file) {
        try {
            Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void open(Path file) {
        try {
            new FileInputStream(file.toFile()).close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
