package dev.tenantguard.agent.files;

/**
 * A coarse clock for the real-path cache: a number one daemon thread advances every
 * {@link #TICK_MILLIS}. A cache hit reads it (one volatile read) instead of the system clock
 * ({@code System.nanoTime()} costs about 18 ns here, more than the rest of a hit).
 *
 * <p>Each advance sets the number from the system clock, so a late wake-up (a pause, a starved
 * core) does not slow the clock down; between wake-ups it lags by up to a tick plus the delay.
 */
final class Ticks {
    static final long TICK_MILLIS = 500;
    private static final long TICK_NANOS = TICK_MILLIS * 1_000_000L;
    private static final long ORIGIN = System.nanoTime();
    private static volatile int now;

    static {
        Thread thread = new Thread(new Advance(), "tenant-guard-ticks");
        thread.setDaemon(true);
        thread.start();
    }

    private Ticks() {
    }

    /** The current tick: ticks since the clock started. */
    static int now() {
        return now;
    }

    /** A class, not a lambda: nothing is spun when the file family starts. */
    private static final class Advance implements Runnable {
        @Override
        public void run() {
            while (true) {
                try {
                    Thread.sleep(TICK_MILLIS);
                } catch (Throwable e) {
                    // an application that interrupts (or stops) every thread: a clock that stopped
                    // would trust cached answers for ever, so it keeps going
                }
                now = (int) ((System.nanoTime() - ORIGIN) / TICK_NANOS);
            }
        }
    }
}
