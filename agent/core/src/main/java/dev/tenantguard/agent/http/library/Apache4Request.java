package dev.tenantguard.agent.http.library;

import dev.tenantguard.agent.tooling.LibraryMembers;
import java.lang.invoke.MethodHandle;
import java.net.URI;

/**
 * Apache HttpClient 4: the {@code HttpRequestWrapper} given to {@code ProtocolExec} (mutable), and
 * the route, whose target host completes a request URI that is only a path.
 */
final class Apache4Request extends LibraryRequest {
    private static final String URI_REQUEST = "org.apache.http.client.methods.HttpUriRequest";
    private static final String MESSAGE = "org.apache.http.HttpMessage";
    private static final String ROUTE = "org.apache.http.conn.routing.HttpRoute";
    private static final String HOST = "org.apache.http.HttpHost";

    private static final String HEADER = "org.apache.http.Header";
    private static final String STRING = "java.lang.String";

    /** Every member the handles below are made of: checked when {@code ProtocolExec} is matched. */
    static final LibraryMembers READS = LibraryMembers.none()
            .method(URI_REQUEST, "getURI", "java.net.URI")
            .method(URI_REQUEST, "getMethod", STRING)
            .method(MESSAGE, "getHeaders", HEADER + "[]", STRING)
            .method(HEADER, "getValue", STRING)
            .method(MESSAGE, "setHeader", "void", STRING, STRING)
            .method(ROUTE, "getTargetHost", HOST)
            .method(HOST, "getHostName", STRING)
            .method(HOST, "toURI", STRING);

    private static final ClassValue<RequestHandles> REQUESTS = new ClassValue<>() {
        @Override
        protected RequestHandles computeValue(Class<?> type) {
            return new RequestHandles(type.getClassLoader());
        }
    };
    private static final ClassValue<RouteHandles> ROUTES = new ClassValue<>() {
        @Override
        protected RouteHandles computeValue(Class<?> type) {
            return new RouteHandles(type.getClassLoader());
        }
    };

    @Override
    public String host(Object request, Object route) {
        try {
            URI uri = (URI) (Object) REQUESTS.get(request.getClass()).uri.invokeExact(request);
            if (uri != null && uri.getHost() != null) {
                return uri.getHost();
            }
            return route == null ? null : (String) (Object) ROUTES.get(route.getClass()).hostName.invokeExact(target(route));
        } catch (Throwable t) {
            throw unchecked(t);
        }
    }

    @Override
    public URI uri(Object request, Object route) {
        try {
            URI uri = (URI) (Object) REQUESTS.get(request.getClass()).uri.invokeExact(request);
            if (uri.getHost() != null || route == null) {
                return uri;
            }
            String base = (String) (Object) ROUTES.get(route.getClass()).hostUri.invokeExact(target(route));
            return URI.create(base).resolve(uri);
        } catch (Throwable t) {
            throw unchecked(t);
        }
    }

    @Override
    public String method(Object request) {
        try {
            return (String) (Object) REQUESTS.get(request.getClass()).method.invokeExact(request);
        } catch (Throwable t) {
            throw unchecked(t);
        }
    }

    @Override
    public String header(Object request, String name) {
        try {
            RequestHandles handles = REQUESTS.get(request.getClass());
            return joined((Object[]) (Object) handles.headers.invokeExact(request, (Object) name), handles.headerValue);
        } catch (Throwable t) {
            throw unchecked(t);
        }
    }

    @Override
    public Object withHeaders(Object request, Object target, String[] namesAndValues) {
        try {
            setEach(request, REQUESTS.get(request.getClass()).setHeader, namesAndValues);
            return request;
        } catch (Throwable t) {
            throw unchecked(t);
        }
    }

    /** HttpClient 4 follows redirects on the caller's thread: the tenant in context is the right one. */
    @Override
    public boolean madeByClient(Object request, Object route) {
        return false;
    }

    private static Object target(Object route) throws Throwable {
        return (Object) ROUTES.get(route.getClass()).targetHost.invokeExact(route);
    }

    private static final class RequestHandles {
        final MethodHandle uri;
        final MethodHandle method;
        final MethodHandle headers;
        final MethodHandle headerValue;
        final MethodHandle setHeader;

        RequestHandles(ClassLoader loader) {
            uri = Handles.virtual(loader, URI_REQUEST, "getURI", URI.class);
            method = Handles.virtual(loader, URI_REQUEST, "getMethod", String.class);
            try {
                Class<?> headerType = Class.forName("org.apache.http.Header", false, loader);
                headers = Handles.virtual(loader, MESSAGE, "getHeaders", headerType.arrayType(), String.class);
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("Apache HttpClient 4 without org.apache.http.Header", e);
            }
            headerValue = Handles.virtual(loader, "org.apache.http.Header", "getValue", String.class);
            setHeader = Handles.virtual(loader, MESSAGE, "setHeader", void.class, String.class, String.class);
        }
    }

    private static final class RouteHandles {
        final MethodHandle targetHost;
        final MethodHandle hostName;
        final MethodHandle hostUri;

        RouteHandles(ClassLoader loader) {
            try {
                targetHost = Handles.virtual(loader, ROUTE, "getTargetHost", Class.forName(HOST, false, loader));
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("Apache HttpClient 4 without " + HOST, e);
            }
            hostName = Handles.virtual(loader, HOST, "getHostName", String.class);
            hostUri = Handles.virtual(loader, HOST, "toURI", String.class);
        }
    }
}
