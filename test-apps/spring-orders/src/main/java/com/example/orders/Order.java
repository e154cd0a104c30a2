package com.example.orders;

/** One order row; {@code tenantId} is the tenant that owns it. */
public record Order(long id, String tenantId, String customer, String item, long amountCents, String status) {
}
