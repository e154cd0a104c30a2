package dev.tenantguard.agent.http.library;

import dev.tenantguard.agent.tooling.LibraryMembers;
import dev.tenantguard.internal.HttpHooks;
import java.lang.invoke.MethodHandle;
import java.net.URI;

/**
 * What the agent reads and writes on a request of an HTTP library it does not link against (the
 * library lives in the application's class loaders). Each library's accessors are resolved once per
 * request class, as method handles, so reading the host of a request allocates nothing.
 */
public abstract class LibraryRequest {
    private static final LibraryRequest[] BY_ID = new LibraryRequest[4];

    static {
        BY_ID[HttpHooks.APACHE5] = new Apache5Request();
        BY_ID[HttpHooks.APACHE4] = new Apache4Request();
        BY_ID[HttpHooks.OKHTTP] = new OkHttpRequest(false);
        BY_ID[HttpHooks.OKHTTP_FOLLOW_UP] = new OkHttpRequest(true);
    }

    /**
     * What the agent reads from the requests of library {@code id} (one of the {@code HttpHooks}
     * library constants): every member its accessors are made of, for a check when the library's
     * class is matched.
     */
    public static LibraryMembers reads(int id) {
        return switch (id) {
            case HttpHooks.APACHE5 -> Apache5Request.READS;
            case HttpHooks.APACHE4 -> Apache4Request.READS;
            default -> OkHttpRequest.READS;
        };
    }

    /** The accessors of library {@code id}, one of the {@code HttpHooks} library constants. */
    public static LibraryRequest of(int id) {
        return BY_ID[id];
    }

    /** The host the request goes to, read without allocating; {@code null} when it cannot be told. */
    public abstract String host(Object request, Object target);

    /** The absolute URL of the request. */
    public abstract URI uri(Object request, Object target);

    public abstract String method(Object request);

    /** The values of header {@code name} joined with commas, or {@code null} when it is absent. */
    public abstract String header(Object request, String name);

    /**
     * The request carrying {@code namesAndValues} (name, value, name, value …), replacing headers
     * of those names: {@code request} changed in place, or a copy where requests are immutable.
     */
    public abstract Object withHeaders(Object request, Object target, String[] namesAndValues);

    /**
     * Whether the library made this request by itself (a redirect it follows, possibly on its own
     * threads): then the tenant it acts for is the one its tenant header carries.
     */
    public abstract boolean madeByClient(Object request, Object target);

    /**
     * Apache-style header objects ({@code getHeaders(name)}'s array) as one value, joined with
     * commas; {@code null} when there are none.
     */
    static String joined(Object[] headers, MethodHandle value) throws Throwable {
        if (headers == null || headers.length == 0) {
            return null;
        }
        StringBuilder values = new StringBuilder();
        for (Object header : headers) {
            if (values.length() > 0) {
                values.append(',');
            }
            values.append((String) (Object) value.invokeExact(header));
        }
        return values.toString();
    }

    /** Sets each (name, value) pair on a mutable request through its {@code setHeader(String, …)}. */
    static void setEach(Object request, MethodHandle setHeader, String[] namesAndValues) throws Throwable {
        for (int i = 0; i < namesAndValues.length; i += 2) {
            setHeader.invokeExact(request, (Object) namesAndValues[i], (Object) namesAndValues[i + 1]);
        }
    }

    /** Rethrows what a method handle threw, unchecked; the hook reports it as an internal error. */
    static RuntimeException unchecked(Throwable t) {
        if (t instanceof RuntimeException) {
            return (RuntimeException) t;
        }
        if (t instanceof Error) {
            throw (Error) t;
        }
        return new IllegalStateException(t);
    }
}
