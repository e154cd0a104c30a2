package dev.tenantguard.agent.inbound;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * The application's SLF4J {@code MDC}, found through the thread's context class loader (the agent
 * bundles no SLF4J). The last loader looked at is remembered, so a server whose threads share one
 * loader finds it once. Without SLF4J in that loader, every call does nothing.
 */
final class ApplicationMdc {
    private final String key;
    private volatile Found last;

    ApplicationMdc(String key) {
        this.key = key;
    }

    /** Puts {@code tenant} under the key; returns whether it could. */
    boolean put(String tenant) {
        Found mdc = find();
        if (mdc.put == null) {
            return false;
        }
        try {
            mdc.put.invoke(key, tenant);
            return true;
        } catch (Throwable t) {
            return false;
        }
    }

    /** The value under the key, or {@code null}. */
    String get() {
        Found mdc = find();
        try {
            return mdc.get == null ? null : (String) mdc.get.invoke(key);
        } catch (Throwable t) {
            return null;
        }
    }

    void remove() {
        Found mdc = find();
        try {
            if (mdc.remove != null) {
                mdc.remove.invoke(key);
            }
        } catch (Throwable t) {
            // the application's logging failed; nothing of the request depends on it
        }
    }

    private Found find() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) {
            loader = ClassLoader.getSystemClassLoader();
        }
        Found found = last;
        if (found == null || found.loader != loader) {
            found = new Found(loader);
            last = found;
        }
        return found;
    }

    /** The MDC's static methods as seen from one loader; all {@code null} when it has no SLF4J. */
    private static final class Found {
        final ClassLoader loader;
        final MethodHandle put;
        final MethodHandle get;
        final MethodHandle remove;

        Found(ClassLoader loader) {
            this.loader = loader;
            MethodHandle p = null;
            MethodHandle g = null;
            MethodHandle r = null;
            try {
                Class<?> mdc = Class.forName("org.slf4j.MDC", true, loader);
                MethodHandles.Lookup lookup = MethodHandles.publicLookup();
                p = lookup.findStatic(mdc, "put", MethodType.methodType(void.class, String.class, String.class));
                g = lookup.findStatic(mdc, "get", MethodType.methodType(String.class, String.class));
                r = lookup.findStatic(mdc, "remove", MethodType.methodType(void.class, String.class));
            } catch (ReflectiveOperationException | LinkageError e) {
                p = g = r = null;
            }
            put = p;
            get = g;
            remove = r;
        }
    }
}
