package dev.tenantguard.agent.report;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * One log line per new event: through the application's own SLF4J (logger
 * {@code tenantguard.violations}) when the application has SLF4J with a provider, else on stderr. The agent does
 * not bundle SLF4J: it finds the application's copy through the thread's context class loader.
 */
final class LogSink implements ReportSink {
    static final String LOGGER_NAME = "tenantguard.violations";

    private volatile MethodHandle warn;
    private volatile boolean looked;

    @Override
    public void write(ViolationEvent event, long count) {
        if (count != 1) {
            return;
        }
        String line = "tenant-guard " + event.kind() + " " + event.action() + ": " + event.message()
                + " at " + event.callSite();
        MethodHandle handle = slf4j();
        if (handle != null) {
            try {
                handle.invoke(line);
                return;
            } catch (Throwable ignored) {
                // the application's logging failed; stderr still shows the event
            }
        }
        System.err.println(line);
    }

    private MethodHandle slf4j() {
        if (!looked) {
            synchronized (this) {
                if (!looked) {
                    warn = findSlf4j(Thread.currentThread().getContextClassLoader());
                    if (warn == null) {
                        warn = findSlf4j(ClassLoader.getSystemClassLoader());
                    }
                    looked = true;
                }
            }
        }
        return warn;
    }

    private static MethodHandle findSlf4j(ClassLoader loader) {
        if (loader == null) {
            return null;
        }
        try {
            Class<?> factory = Class.forName("org.slf4j.LoggerFactory", true, loader);
            Class<?> loggerType = Class.forName("org.slf4j.Logger", false, loader);
            Object loggers = factory.getMethod("getILoggerFactory").invoke(null);
            if (loggers == null || loggers.getClass().getName().contains("NOP")) {
                return null; // slf4j-api without a provider discards everything: stderr it is
            }
            Object logger = factory.getMethod("getLogger", String.class).invoke(null, LOGGER_NAME);
            return MethodHandles.publicLookup()
                    .findVirtual(loggerType, "warn", MethodType.methodType(void.class, String.class))
                    .bindTo(logger);
        } catch (ReflectiveOperationException | LinkageError e) {
            return null;
        }
    }
}
