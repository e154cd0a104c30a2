package com.example.orders;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The service's endpoints. Every one works for the tenant of the request ({@link CurrentTenant});
 * the ones marked PLANTED BUG (here, in {@link OrderRepository} and in {@link OrderExporter}) let a
 * tenant reach another tenant's data.
 */
@RestController
public class OrderController {
    private final OrderRepository orders;
    private final ShippingClient shipping;
    private final OrderExporter exporter;

    public OrderController(OrderRepository orders, ShippingClient shipping, OrderExporter exporter) {
        this.orders = orders;
        this.shipping = shipping;
        this.exporter = exporter;
    }

    /** A new order, as the client sends it. */
    public record NewOrder(String customer, String item, long amountCents) {
    }

    @PostMapping("/orders")
    public ResponseEntity<Order> create(@RequestBody NewOrder order) {
        String tenant = CurrentTenant.id();
        long id = orders.create(tenant, order.customer(), order.item(), order.amountCents());
        return ResponseEntity.status(HttpStatus.CREATED).body(orders.find(tenant, id).orElseThrow());
    }

    @GetMapping("/orders")
    public List<Order> list() {
        return orders.list(CurrentTenant.id());
    }

    @GetMapping("/orders/{id}")
    public ResponseEntity<Order> get(@PathVariable long id) {
        return ResponseEntity.of(orders.find(CurrentTenant.id(), id));
    }

    /** A printable receipt; the lookup behind it is a PLANTED BUG ({@link OrderRepository#findForReceipt}). */
    @GetMapping(value = "/orders/{id}/receipt", produces = MediaType.TEXT_PLAIN_VALUE)
    public ResponseEntity<String> receipt(@PathVariable long id) {
        return orders.findForReceipt(id)
                .map(o -> ResponseEntity.ok("Receipt #" + o.id() + "\n" + o.customer() + "\n" + o.item() + "  "
                        + o.amountCents() / 100 + "." + String.format("%02d", o.amountCents() % 100) + "\n"))
                .orElse(ResponseEntity.notFound().build());
    }

    @PostMapping("/orders/{id}/pay")
    public ResponseEntity<Order> pay(@PathVariable long id) {
        String tenant = CurrentTenant.id();
        if (!orders.markPaid(tenant, id)) {
            return ResponseEntity.notFound().build();
        }
        return ResponseEntity.of(orders.find(tenant, id));
    }

    /**
     * Cancels an order. The controller believes the repository checks the tenant; it does not: a
     * PLANTED BUG ({@link OrderRepository#cancel}).
     */
    @PostMapping("/orders/{id}/cancel")
    public ResponseEntity<Map<String, Object>> cancel(@PathVariable long id) {
        boolean cancelled = orders.cancel(id);
        return cancelled ? ResponseEntity.ok(Map.of("id", id, "status", "CANCELLED")) : ResponseEntity.notFound().build();
    }

    /** Books the shipment of one of the tenant's orders with the shipping service. */
    @PostMapping(value = "/orders/{id}/ship", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<String> ship(@PathVariable long id) {
        String tenant = CurrentTenant.id();
        if (orders.find(tenant, id).isEmpty()) {
            return ResponseEntity.notFound().build();
        }
        return ResponseEntity.ok(shipping.book(tenant, id));
    }

    /**
     * The tenant's shipments. PLANTED BUG: the support console's {@code ?account=} parameter is
     * trusted as is, so any tenant can list another tenant's shipments by naming its account.
     */
    @GetMapping(value = "/shipments", produces = MediaType.APPLICATION_JSON_VALUE)
    public String shipments(@RequestParam(name = "account", required = false) String account) {
        return shipping.shipments(account != null ? account : CurrentTenant.id());
    }

    /** Exports the tenant's orders to its export folder; answers the file written. */
    @PostMapping("/exports/orders")
    public Map<String, String> exportOrders() throws IOException {
        String tenant = CurrentTenant.id();
        return Map.of("file", exporter.exportOrders(tenant, orders.list(tenant)).toString());
    }

    /** Exports the tenant's invoice lines; the folder it picks is a PLANTED BUG ({@link OrderExporter#exportInvoices}). */
    @PostMapping("/exports/invoices")
    public Map<String, String> exportInvoices() throws IOException {
        String tenant = CurrentTenant.id();
        return Map.of("file", exporter.exportInvoices(tenant, orders.list(tenant)).toString());
    }
}
