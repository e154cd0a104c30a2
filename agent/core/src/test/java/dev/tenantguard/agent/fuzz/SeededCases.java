package dev.tenantguard.agent.fuzz;

import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A fuzz run in plain JUnit: a fixed budget of cases, each drawn from its own {@link Random} whose
 * seed is derived from the run's seed and the case's number. The same cases run in every build; a
 * failure names the case's seed and its input, and {@code -Dfuzz.case=<case seed>} runs that case
 * alone. Inputs worth keeping go to the test's corpus file (see {@link Corpus}), which runs first.
 */
public final class SeededCases {
    private static final String REPLAY = "fuzz.case";

    private SeededCases() {
    }

    /**
     * Runs {@code property} on {@code budget} inputs drawn by {@code generate}, or on the one case
     * named by {@code -Dfuzz.case}.
     */
    public static <T> void run(long seed, int budget, Function<Random, T> generate, Consumer<T> property) {
        String replay = System.getProperty(REPLAY);
        if (replay != null) {
            runCase(Long.parseLong(replay), -1, generate, property);
            return;
        }
        for (int i = 0; i < budget; i++) {
            runCase(caseSeed(seed, i), i, generate, property);
        }
    }

    /** Runs {@code property} on each corpus input, naming the input that failed. */
    public static <T> void runAll(String corpus, List<T> inputs, Consumer<T> property) {
        for (T input : inputs) {
            try {
                property.accept(input);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("corpus " + corpus + ": input " + input + " failed: " + e.getMessage(), e);
            }
        }
    }

    private static <T> void runCase(long caseSeed, int number, Function<Random, T> generate, Consumer<T> property) {
        T input = generate.apply(new Random(caseSeed));
        try {
            property.accept(input);
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError("case " + number + " (replay with -D" + REPLAY + "=" + caseSeed + "), input "
                    + input + ": " + e.getMessage(), e);
        }
    }

    /** A case's seed: the run's seed and the case's number mixed (SplitMix64), so neighbouring cases differ. */
    static long caseSeed(long seed, int number) {
        long z = seed + 0x9E3779B97F4A7C15L * (number + 1L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** One of {@code options}, uniformly. */
    @SafeVarargs
    public static <T> T oneOf(Random random, T... options) {
        return options[random.nextInt(options.length)];
    }

    /** One of {@code options}, uniformly. */
    public static <T> T oneOf(Random random, List<T> options) {
        return options.get(random.nextInt(options.size()));
    }
}
