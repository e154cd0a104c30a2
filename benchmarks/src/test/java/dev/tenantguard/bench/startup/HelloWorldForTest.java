package dev.tenantguard.bench.startup;

/** Prints a line and exits, for {@link StartupRunnerTest}. */
public final class HelloWorldForTest {
    private HelloWorldForTest() {
    }

    public static void main(String[] args) {
        System.out.println("hello from a test");
    }
}
