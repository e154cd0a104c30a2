package com.example.probe;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.http.client.methods.HttpRequestBase;
import org.apache.http.client.methods.RequestBuilder;

/**
 * The HTTP libraries services use, each as an application would call it: Apache HttpClient 5
 * (classic and async), Apache HttpClient 4, OkHttp 4 ({@code execute} and {@code enqueue}). All of
 * them follow redirects, as they do by default.
 */
final class LibraryClients {
    private static final CloseableHttpClient APACHE5 = HttpClients.createDefault();
    private static final org.apache.http.impl.client.CloseableHttpClient APACHE4 =
            org.apache.http.impl.client.HttpClients.custom()
                    // HttpClient 4 follows redirects of GET only unless told otherwise; as many services configure it
                    .setRedirectStrategy(new org.apache.http.impl.client.LaxRedirectStrategy())
                    .build();
    private static final OkHttpClient OKHTTP = new OkHttpClient();
    private static CloseableHttpAsyncClient apache5Async;

    private LibraryClients() {
    }

    /**
     * Stops the clients' threads, as a service does on shutdown: OkHttp's dispatcher threads would
     * otherwise keep the JVM alive for their minute of idle time.
     */
    static synchronized void close() throws IOException {
        OKHTTP.dispatcher().executorService().shutdown();
        OKHTTP.connectionPool().evictAll();
        APACHE5.close();
        APACHE4.close();
        if (apache5Async != null) {
            apache5Async.close();
        }
    }

    /** The status of {@code method url} sent by {@code client}, or -1 when {@code client} is not a library. */
    static int send(String client, String method, String url, Map<String, String> headers) throws Exception {
        switch (client) {
            case "apache5":
                return apache5(method, url, headers);
            case "apache5async":
                return apache5Async(method, url, headers);
            case "apache4":
                return apache4(method, url, headers);
            case "okhttp":
                try (Response response = OKHTTP.newCall(okRequest(method, url, headers)).execute()) {
                    return response.code();
                }
            case "okhttpasync":
                return okHttpEnqueued(method, url, headers);
            default:
                return -1;
        }
    }

    private static int apache5(String method, String url, Map<String, String> headers) throws IOException {
        HttpUriRequestBase request = new HttpUriRequestBase(method, java.net.URI.create(url));
        headers.forEach(request::addHeader);
        if (method.equals("POST")) {
            request.setEntity(new StringEntity("body", ContentType.TEXT_PLAIN));
        }
        return APACHE5.execute(request, response -> {
            EntityUtils.consume(response.getEntity());
            return response.getCode();
        });
    }

    private static synchronized int apache5Async(String method, String url, Map<String, String> headers)
            throws Exception {
        if (apache5Async == null) {
            apache5Async = HttpAsyncClients.createDefault();
            apache5Async.start();
        }
        SimpleRequestBuilder builder = SimpleRequestBuilder.create(method).setUri(url);
        headers.forEach(builder::addHeader);
        if (method.equals("POST")) {
            builder.setBody("body", org.apache.hc.core5.http.ContentType.TEXT_PLAIN);
        }
        SimpleHttpRequest request = builder.build();
        java.util.concurrent.Future<SimpleHttpResponse> response = apache5Async.execute(request, null);
        return response.get(10, TimeUnit.SECONDS).getCode();
    }

    private static int apache4(String method, String url, Map<String, String> headers) throws IOException {
        RequestBuilder builder = RequestBuilder.create(method).setUri(url);
        headers.forEach(builder::addHeader);
        if (method.equals("POST")) {
            builder.setEntity(new org.apache.http.entity.StringEntity("body", "UTF-8"));
        }
        HttpRequestBase request = (HttpRequestBase) builder.build();
        try (org.apache.http.client.methods.CloseableHttpResponse response = APACHE4.execute(request)) {
            org.apache.http.util.EntityUtils.consume(response.getEntity());
            return response.getStatusLine().getStatusCode();
        }
    }

    private static Request okRequest(String method, String url, Map<String, String> headers) {
        Request.Builder builder = new Request.Builder().url(url);
        headers.forEach(builder::addHeader);
        builder.method(method, method.equals("POST") ? RequestBody.create("body", MediaType.get("text/plain")) : null);
        return builder.build();
    }

    private static int okHttpEnqueued(String method, String url, Map<String, String> headers) throws Exception {
        CompletableFuture<Integer> status = new CompletableFuture<>();
        OKHTTP.newCall(okRequest(method, url, headers)).enqueue(new Callback() {
            @Override
            public void onFailure(Call call, IOException e) {
                status.completeExceptionally(e);
            }

            @Override
            public void onResponse(Call call, Response response) {
                try (response) {
                    status.complete(response.code());
                }
            }
        });
        return status.get(10, TimeUnit.SECONDS);
    }
}
