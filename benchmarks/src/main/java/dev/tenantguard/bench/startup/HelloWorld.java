package dev.tenantguard.bench.startup;

/** The smallest application there is: what start-up costs before any work. */
public final class HelloWorld {
    private HelloWorld() {
    }

    public static void main(String[] args) {
        System.out.println("hello, world");
    }
}
