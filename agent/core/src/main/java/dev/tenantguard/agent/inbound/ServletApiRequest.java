package dev.tenantguard.agent.inbound;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;

/**
 * An {@code HttpServletRequest} of the jakarta or the javax servlet API, read through method
 * handles found once per request class: the API lives in the application's loaders, which the
 * agent cannot name.
 */
final class ServletApiRequest implements InboundRequest {
    private static final String[] REQUEST_TYPES = {
        "jakarta.servlet.http.HttpServletRequest", "javax.servlet.http.HttpServletRequest"};
    private static final String[] ASYNC_TYPES = {"jakarta.servlet.AsyncContext", "javax.servlet.AsyncContext"};

    /** Per request class: its accessors, or {@link Accessors#NONE} when it is not an HTTP request. */
    private static final ClassValue<Accessors> ACCESSORS = new ClassValue<>() {
        @Override
        protected Accessors computeValue(Class<?> type) {
            return Accessors.of(type);
        }
    };
    private static final ClassValue<MethodHandle> GET_REQUEST = new ClassValue<>() {
        @Override
        protected MethodHandle computeValue(Class<?> type) {
            Class<?> api = find(type, ASYNC_TYPES);
            return api == null ? null : handle(api, "getRequest");
        }
    };

    private final Object request;
    private final Accessors accessors;

    private ServletApiRequest(Object request, Accessors accessors) {
        this.request = request;
        this.accessors = accessors;
    }

    /** The request, or {@code null} when {@code request} is not an HTTP servlet request. */
    static ServletApiRequest of(Object request) {
        Accessors accessors = ACCESSORS.get(request.getClass());
        return accessors == Accessors.NONE ? null : new ServletApiRequest(request, accessors);
    }

    /** The request of an {@code AsyncContext}, or {@code null}. */
    static ServletApiRequest ofAsyncContext(Object asyncContext) throws Throwable {
        MethodHandle getRequest = GET_REQUEST.get(asyncContext.getClass());
        Object request = getRequest == null ? null : getRequest.invoke(asyncContext);
        return request == null ? null : of(request);
    }

    @Override
    public String header(String name) {
        return (String) call(accessors.getHeader, name);
    }

    @Override
    public String host() {
        String host = header("Host");
        return host != null ? host : (String) call(accessors.getServerName, null);
    }

    @Override
    public String rawPath() {
        String uri = (String) call(accessors.getRequestUri, null);
        return uri == null ? "" : uri;
    }

    @Override
    public String rawQuery() {
        return (String) call(accessors.getQueryString, null);
    }

    @Override
    public String method() {
        return (String) call(accessors.getMethod, null);
    }

    @Override
    public String derivedTenant() {
        Object tenant = call(accessors.getAttribute, InboundChecker.TENANT_ATTRIBUTE);
        return tenant instanceof String ? (String) tenant : null;
    }

    @Override
    public void rememberTenant(String tenant) {
        try {
            accessors.setAttribute.invoke(request, InboundChecker.TENANT_ATTRIBUTE, (Object) tenant);
        } catch (Throwable t) {
            throw new IllegalStateException("servlet request " + request.getClass().getName() + ": " + t, t);
        }
    }

    private Object call(MethodHandle handle, String argument) {
        try {
            return argument == null ? handle.invoke(request) : handle.invoke(request, argument);
        } catch (Throwable t) {
            throw new IllegalStateException("servlet request " + request.getClass().getName() + ": " + t, t);
        }
    }

    private static Class<?> find(Class<?> type, String[] names) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Class<?> api : c.getInterfaces()) {
                Class<?> found = named(api, names);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /** {@code api} or one of its super-interfaces with one of {@code names}. */
    private static Class<?> named(Class<?> api, String[] names) {
        for (String name : names) {
            if (api.getName().equals(name)) {
                return api;
            }
        }
        for (Class<?> parent : api.getInterfaces()) {
            Class<?> found = named(parent, names);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static MethodHandle handle(Class<?> api, String name, Class<?>... parameters) {
        try {
            Method method = api.getMethod(name, parameters);
            return MethodHandles.publicLookup().unreflect(method);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(api.getName() + " has no " + name, e);
        }
    }

    /** The handles of one request class, all resolved on the servlet API's public interface. */
    private static final class Accessors {
        static final Accessors NONE = new Accessors(null);

        final MethodHandle getHeader;
        final MethodHandle getServerName;
        final MethodHandle getRequestUri;
        final MethodHandle getMethod;
        /** The query as sent (not decoded); unlike getParameter it never reads the body. */
        final MethodHandle getQueryString;
        final MethodHandle getAttribute;
        final MethodHandle setAttribute;

        private Accessors(Class<?> api) {
            if (api == null) {
                getHeader = getServerName = getRequestUri = getMethod = getQueryString = getAttribute = setAttribute = null;
                return;
            }
            getHeader = handle(api, "getHeader", String.class);
            getServerName = handle(api, "getServerName");
            getRequestUri = handle(api, "getRequestURI");
            getMethod = handle(api, "getMethod");
            getQueryString = handle(api, "getQueryString");
            getAttribute = handle(api, "getAttribute", String.class);
            setAttribute = handle(api, "setAttribute", String.class, Object.class);
        }

        static Accessors of(Class<?> type) {
            Class<?> api = find(type, REQUEST_TYPES);
            return api == null ? NONE : new Accessors(api);
        }
    }
}
