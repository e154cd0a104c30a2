package dev.tenantguard.agent.http.library;

import dev.tenantguard.agent.tooling.LibraryMembers;
import java.lang.invoke.MethodHandle;
import java.net.URI;

/**
 * Apache HttpClient 5, classic and async: the request given to {@code ProtocolExec} or
 * {@code AsyncProtocolExec} ({@code org.apache.hc.core5.http.HttpRequest}, mutable), and the exec
 * chain's scope, whose route names the target host when the request itself does not.
 */
final class Apache5Request extends LibraryRequest {
    private static final String REQUEST = "org.apache.hc.core5.http.HttpRequest";
    private static final String ROUTE = "org.apache.hc.client5.http.HttpRoute";
    private static final String HOST = "org.apache.hc.core5.http.HttpHost";

    private static final String AUTHORITY = "org.apache.hc.core5.net.URIAuthority";
    private static final String STRING = "java.lang.String";
    private static final String CLASSIC_SCOPE = "org.apache.hc.client5.http.classic.ExecChain$Scope";
    private static final String ASYNC_SCOPE = "org.apache.hc.client5.http.async.AsyncExecChain$Scope";

    /**
     * Every member the handles below are made of, for the classic and the async client (one jar):
     * checked when {@code ProtocolExec} or {@code AsyncProtocolExec} is matched.
     */
    static final LibraryMembers READS = LibraryMembers.none()
            .method(REQUEST, "getAuthority", AUTHORITY)
            .method(AUTHORITY, "getHostName", STRING)
            .method(REQUEST, "getUri", "java.net.URI")
            .method(REQUEST, "getMethod", STRING)
            .method("org.apache.hc.core5.http.MessageHeaders", "getHeaders", "org.apache.hc.core5.http.Header[]", STRING)
            .method("org.apache.hc.core5.http.NameValuePair", "getValue", STRING)
            .method("org.apache.hc.core5.http.HttpMessage", "setHeader", "void", STRING, "java.lang.Object")
            .field(CLASSIC_SCOPE, "route").field(CLASSIC_SCOPE, "originalRequest")
            .field(ASYNC_SCOPE, "route").field(ASYNC_SCOPE, "originalRequest")
            .method(ROUTE, "getTargetHost", HOST)
            .method(HOST, "getHostName", STRING)
            .method(HOST, "toURI", STRING);

    private static final ClassValue<RequestHandles> REQUESTS = new ClassValue<>() {
        @Override
        protected RequestHandles computeValue(Class<?> type) {
            return new RequestHandles(type.getClassLoader());
        }
    };
    private static final ClassValue<ScopeHandles> SCOPES = new ClassValue<>() {
        @Override
        protected ScopeHandles computeValue(Class<?> type) {
            return new ScopeHandles(type);
        }
    };

    @Override
    public String host(Object request, Object scope) {
        try {
            Object authority = (Object) REQUESTS.get(request.getClass()).authority.invokeExact(request);
            if (authority != null) {
                return (String) (Object) REQUESTS.get(request.getClass()).authorityHost.invokeExact(authority);
            }
            Object target = target(scope);
            return target == null ? null : (String) (Object) SCOPES.get(scope.getClass()).hostName.invokeExact(target);
        } catch (Throwable t) {
            throw unchecked(t);
        }
    }

    @Override
    public URI uri(Object request, Object scope) {
        try {
            URI uri = (URI) (Object) REQUESTS.get(request.getClass()).uri.invokeExact(request);
            Object target = uri.getHost() == null ? target(scope) : null;
            if (target == null) {
                return uri;
            }
            String base = (String) (Object) SCOPES.get(scope.getClass()).hostUri.invokeExact(target);
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

    /**
     * Sets the headers on the request, and on the scope's original request too: the async client
     * builds the request of a redirect from that one, on its own threads, where no tenant is in
     * context; so the redirect carries the tenant and is checked against it.
     */
    @Override
    public Object withHeaders(Object request, Object scope, String[] namesAndValues) {
        try {
            set(request, namesAndValues);
            Object original = scope == null ? null : (Object) SCOPES.get(scope.getClass()).originalRequest.invokeExact(scope);
            if (original != null && original != request) {
                set(original, namesAndValues);
            }
            return request;
        } catch (Throwable t) {
            throw unchecked(t);
        }
    }

    private static void set(Object request, String[] namesAndValues) throws Throwable {
        setEach(request, REQUESTS.get(request.getClass()).setHeader, namesAndValues);
    }

    /** A request other than the one the application gave: a redirect (or a retry's copy) the client makes. */
    @Override
    public boolean madeByClient(Object request, Object scope) {
        try {
            return scope != null && (Object) SCOPES.get(scope.getClass()).originalRequest.invokeExact(scope) != request;
        } catch (Throwable t) {
            throw unchecked(t);
        }
    }

    private static Object target(Object scope) throws Throwable {
        if (scope == null) {
            return null;
        }
        ScopeHandles handles = SCOPES.get(scope.getClass());
        Object route = (Object) handles.route.invokeExact(scope);
        return route == null ? null : (Object) handles.targetHost.invokeExact(route);
    }

    private static final class RequestHandles {
        final MethodHandle authority;
        final MethodHandle authorityHost;
        final MethodHandle uri;
        final MethodHandle method;
        final MethodHandle headers;
        final MethodHandle headerValue;
        final MethodHandle setHeader;

        RequestHandles(ClassLoader loader) {
            try {
                Class<?> authorityType = Class.forName("org.apache.hc.core5.net.URIAuthority", false, loader);
                authority = Handles.virtual(loader, REQUEST, "getAuthority", authorityType);
                authorityHost = Handles.virtual(loader, "org.apache.hc.core5.net.URIAuthority", "getHostName", String.class);
                uri = Handles.virtual(loader, REQUEST, "getUri", URI.class);
                method = Handles.virtual(loader, REQUEST, "getMethod", String.class);
                Class<?> headerType = Class.forName("org.apache.hc.core5.http.Header", false, loader);
                headers = Handles.virtual(loader, "org.apache.hc.core5.http.MessageHeaders", "getHeaders",
                        headerType.arrayType(), String.class);
                headerValue = Handles.virtual(loader, "org.apache.hc.core5.http.NameValuePair", "getValue", String.class);
                setHeader = Handles.virtual(loader, "org.apache.hc.core5.http.HttpMessage", "setHeader", void.class,
                        String.class, Object.class);
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("Apache HttpClient 5 without " + e.getMessage(), e);
            }
        }
    }

    private static final class ScopeHandles {
        final MethodHandle route;
        final MethodHandle originalRequest;
        final MethodHandle targetHost;
        final MethodHandle hostName;
        final MethodHandle hostUri;

        ScopeHandles(Class<?> scopeType) {
            ClassLoader loader = scopeType.getClassLoader();
            route = Handles.getter(loader, scopeType.getName(), "route", ROUTE);
            originalRequest = Handles.getter(loader, scopeType.getName(), "originalRequest",
                    scopeType.getName().contains(".classic.") ? "org.apache.hc.core5.http.ClassicHttpRequest" : REQUEST);
            try {
                targetHost = Handles.virtual(loader, ROUTE, "getTargetHost", Class.forName(HOST, false, loader));
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("Apache HttpClient 5 without " + HOST, e);
            }
            hostName = Handles.virtual(loader, HOST, "getHostName", String.class);
            hostUri = Handles.virtual(loader, HOST, "toURI", String.class);
        }
    }
}
