package com.example.orders;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * The shipping service, over RestClient: {@code POST /v1/tenants/<tenant>/shipments} books one,
 * {@code GET /v1/tenants/<tenant>/shipments} lists a tenant's. The tenant is in the URL.
 */
@Component
public class ShippingClient {
    private final RestClient rest;

    public ShippingClient(RestClient.Builder builder, @Value("${orders.shipping-url}") String shippingUrl) {
        // HTTP/1.1: the shipping service does not speak HTTP/2, so no upgrade is attempted
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        this.rest = builder.baseUrl(shippingUrl).requestFactory(new JdkClientHttpRequestFactory(http)).build();
    }

    /** Books a shipment of the order for the tenant; answers the shipping service's reply. */
    public String book(String tenant, long orderId) {
        return rest.post().uri("/v1/tenants/{tenant}/shipments", tenant)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("orderId", orderId))
                .retrieve().body(String.class);
    }

    /** The shipments the shipping service holds for {@code account}. */
    public String shipments(String account) {
        return rest.get().uri("/v1/tenants/{tenant}/shipments", account).retrieve().body(String.class);
    }
}
