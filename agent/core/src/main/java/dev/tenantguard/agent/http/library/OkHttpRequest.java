package dev.tenantguard.agent.http.library;

import dev.tenantguard.agent.tooling.LibraryMembers;
import java.lang.invoke.MethodHandle;
import java.net.URI;

/**
 * OkHttp 4: {@code okhttp3.Request}, immutable, so the tenant headers go on a copy made with
 * {@code newBuilder().header(…).build()}. Checked where a call is created ({@code newCall}) and
 * where OkHttp makes a follow-up request (a redirect) by itself.
 */
final class OkHttpRequest extends LibraryRequest {
    private static final String REQUEST = "okhttp3.Request";
    private static final String BUILDER = "okhttp3.Request$Builder";
    private static final String URL = "okhttp3.HttpUrl";

    private static final String STRING = "java.lang.String";

    /** Every member the handles below are made of: checked when {@code OkHttpClient} (or its redirects) is matched. */
    static final LibraryMembers READS = LibraryMembers.none()
            .method(REQUEST, "url", URL)
            .method(URL, "host", STRING)
            .method(URL, "uri", "java.net.URI")
            .method(REQUEST, "method", STRING)
            .method(REQUEST, "headers", "java.util.List", STRING)
            .method(REQUEST, "newBuilder", BUILDER)
            .method(BUILDER, "header", BUILDER, STRING, STRING)
            .method(BUILDER, "build", REQUEST);

    private static final ClassValue<RequestHandles> REQUESTS = new ClassValue<>() {
        @Override
        protected RequestHandles computeValue(Class<?> type) {
            return new RequestHandles(type.getClassLoader());
        }
    };

    private final boolean followUp;

    OkHttpRequest(boolean followUp) {
        this.followUp = followUp;
    }

    @Override
    public String host(Object request, Object target) {
        try {
            RequestHandles handles = REQUESTS.get(request.getClass());
            return (String) (Object) handles.host.invokeExact((Object) handles.url.invokeExact(request));
        } catch (Throwable t) {
            throw unchecked(t);
        }
    }

    @Override
    public URI uri(Object request, Object target) {
        try {
            RequestHandles handles = REQUESTS.get(request.getClass());
            return (URI) (Object) handles.uri.invokeExact((Object) handles.url.invokeExact(request));
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
            java.util.List<?> values = (java.util.List<?>) (Object) REQUESTS.get(request.getClass()).headers
                    .invokeExact(request, (Object) name);
            if (values == null || values.isEmpty()) {
                return null;
            }
            StringBuilder joined = new StringBuilder();
            for (Object value : values) {
                if (joined.length() > 0) {
                    joined.append(',');
                }
                joined.append(value);
            }
            return joined.toString();
        } catch (Throwable t) {
            throw unchecked(t);
        }
    }

    @Override
    public Object withHeaders(Object request, Object target, String[] namesAndValues) {
        try {
            RequestHandles handles = REQUESTS.get(request.getClass());
            Object builder = (Object) handles.newBuilder.invokeExact(request);
            for (int i = 0; i < namesAndValues.length; i += 2) {
                builder = (Object) handles.header.invokeExact(builder, (Object) namesAndValues[i],
                        (Object) namesAndValues[i + 1]);
            }
            return (Object) handles.build.invokeExact(builder);
        } catch (Throwable t) {
            throw unchecked(t);
        }
    }

    @Override
    public boolean madeByClient(Object request, Object target) {
        return followUp;
    }

    private static final class RequestHandles {
        final MethodHandle url;
        final MethodHandle host;
        final MethodHandle uri;
        final MethodHandle method;
        final MethodHandle headers;
        final MethodHandle newBuilder;
        final MethodHandle header;
        final MethodHandle build;

        RequestHandles(ClassLoader loader) {
            try {
                Class<?> urlType = Class.forName(URL, false, loader);
                Class<?> builderType = Class.forName(BUILDER, false, loader);
                Class<?> requestType = Class.forName(REQUEST, false, loader);
                url = Handles.virtual(loader, REQUEST, "url", urlType);
                host = Handles.virtual(loader, URL, "host", String.class);
                uri = Handles.virtual(loader, URL, "uri", URI.class);
                method = Handles.virtual(loader, REQUEST, "method", String.class);
                headers = Handles.virtual(loader, REQUEST, "headers", java.util.List.class, String.class);
                newBuilder = Handles.virtual(loader, REQUEST, "newBuilder", builderType);
                header = Handles.virtual(loader, BUILDER, "header", builderType, String.class, String.class);
                build = Handles.virtual(loader, BUILDER, "build", requestType);
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("OkHttp without " + e.getMessage(), e);
            }
        }
    }
}
