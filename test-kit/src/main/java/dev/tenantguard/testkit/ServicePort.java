package dev.tenantguard.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** The port a test app writes to a file once it listens (it binds port 0, so tests never collide). */
public final class ServicePort {
    private ServicePort() {
    }

    /**
     * Waits until {@code service} has written its port to {@code portFile}; fails at once when the
     * service exits first, and after {@code timeoutSeconds}.
     */
    public static int await(Path portFile, Process service, long timeoutSeconds) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (System.nanoTime() < deadline) {
            if (Files.exists(portFile)) {
                String written = Files.readString(portFile).trim();
                if (!written.isEmpty()) {
                    return Integer.parseInt(written);
                }
            }
            if (!service.isAlive()) {
                throw new IllegalStateException("the service exited with status " + service.exitValue() + " before listening");
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("the service did not listen within " + timeoutSeconds + " s");
    }
}
