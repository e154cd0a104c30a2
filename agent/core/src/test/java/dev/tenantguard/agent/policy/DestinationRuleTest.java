package dev.tenantguard.agent.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DestinationRuleTest {
    @ParameterizedTest
    @CsvSource({
        // rule, exchange, routing key, owner ('-': no match)
        "amqp://orders.{tenant}.*, shop, orders.acme.created, acme",
        "amqp://orders.{tenant}.*, '', orders.globex.x, globex",
        "amqp://orders.{tenant}.*, shop, orders.acme.created.late, -",
        "amqp://orders.{tenant}.*, shop, orders.acme, -",
        "amqp://orders.{tenant}.#, shop, orders.acme.a.b.c, acme",
        "amqp://orders.{tenant}.**, shop, orders.acme, acme",
        "amqp://tenant-events/{tenant}.#, tenant-events, acme.created, acme",
        "amqp://tenant-events/{tenant}.#, other, acme.created, -",
        "amqp://{tenant}-events/orders.*, acme-events, orders.new, acme",
        "amqp://{tenant}-events/orders.*, acme-events, audit.new, -",
        "amqp:///jobs-{tenant}, '', jobs-acme, acme",
        "amqp:///jobs-{tenant}, shop, jobs-acme, -",
        "amqp://ORDERS.{tenant}.*, shop, orders.acme.x, -",
    })
    void ownerOfADestination(String rule, String exchange, String routingKey, String owner) {
        DestinationRule compiled = DestinationRule.compile(rule);
        long match = compiled.match(exchange, routingKey);
        String text = compiled.capturesExchange() ? exchange : routingKey;
        assertEquals(owner, match == KeyRule.NO_MATCH ? "-"
                : text.substring(PathRule.captureStart(match), PathRule.captureEnd(match)), rule + " " + exchange + "/" + routingKey);
    }

    @ParameterizedTest
    @CsvSource({
        "orders.{tenant}.*",
        "amqp://orders.*",
        "amqp://{tenant}/{tenant}.x",
        "amqp://a/b/{tenant}",
        "amqp://orders.{tenants}.*",
    })
    void badRules(String rule) {
        assertThrows(IllegalArgumentException.class, () -> DestinationRule.compile(rule));
    }
}
