package dev.tenantguard.agent.jdbc.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DerivedViewsTest {
    private static final Set<String> TENANT_TABLES = Set.of("orders", "open_orders");

    @Test
    void aViewThatReadsATenantTableWithoutItsColumnIsNotVerifiableAndSoIsAViewOverIt() {
        Map<String, String> definitions = new LinkedHashMap<>();
        definitions.put("order_items", "SELECT \"o\".\"id\", \"o\".\"item\" FROM \"PUBLIC\".\"ORDERS\" \"o\"");
        definitions.put("item_ids", "select `order_items`.`id` AS `id` from `test`.`order_items`");
        definitions.put("open_orders", "SELECT id, tenant_id FROM orders WHERE status = 'open'");
        definitions.put("products_view", "SELECT id, name FROM products");
        definitions.put("totals", " SELECT o.id FROM products p JOIN (SELECT id FROM orders) o ON o.id = p.id");

        Map<String, String> hidden = DerivedViews.unverifiable("tenant_id", TENANT_TABLES, definitions);

        assertEquals(Set.of("order_items", "item_ids", "totals"), hidden.keySet(), hidden.toString());
        assertTrue(hidden.get("order_items").contains("reads the tenant table orders but has no tenant_id column"),
                hidden.get("order_items"));
        assertTrue(hidden.get("item_ids").contains("reads the view order_items"), hidden.get("item_ids"));
    }

    @Test
    void aViewWhoseDefinitionIsNotShownIsNotVerifiableUnlessItHasTheTenantColumn() {
        Map<String, String> definitions = new LinkedHashMap<>();
        definitions.put("secret_view", null);
        definitions.put("open_orders", null);

        Map<String, String> hidden = DerivedViews.unverifiable("tenant_id", TENANT_TABLES, definitions);

        assertEquals(Set.of("secret_view"), hidden.keySet());
    }

    @Test
    void aDefinitionTheParserCannotReadCountsEveryNameItContains() {
        Map<String, String> hidden = DerivedViews.unverifiable("tenant_id", TENANT_TABLES,
                Map.of("odd", "SELECT id FROM orders WHERE x ~~~ !!"));

        assertEquals(Set.of("odd"), hidden.keySet());
    }

    @Test
    void aStatementOnAViewThatHidesTheTenantIsNotVerifiedWhateverItsPredicate() {
        SqlTenantAnalyzer analyzer = new SqlTenantAnalyzer("tenant_id", List.of("orders"), List.of(), null, List.of(),
                Map.of("order_items", "the view order_items reads the tenant table orders but has no tenant_id column"));

        for (String sql : List.of("SELECT item FROM order_items", "SELECT item FROM ORDER_ITEMS WHERE id = ?",
                "SELECT o.item FROM orders o JOIN public.\"order_items\" i ON i.id = o.id WHERE o.tenant_id = ?",
                "UPDATE order_items SET item = 'x' WHERE id = 2", "DELETE FROM order_items",
                "SELECT * FROM orders o WHERE o.tenant_id = ? AND o.id IN (SELECT id FROM order_items)",
                "SELECT item FROM order_items WHERE id = (")) {
            SqlAnalysis analysis = analyzer.analyze(sql);
            assertTrue(analysis.problems().stream().anyMatch(p -> p.resource().equals("order_items")
                    && p.reason().startsWith("could not be verified")), sql + " -> " + analysis);
        }
        assertTrue(analyzer.analyze("SELECT item FROM products").problems().isEmpty());
        assertTrue(analyzer.analyze("DROP VIEW order_items").problems().isEmpty());
        assertTrue(analyzer.analyze("SELECT item FROM orders WHERE tenant_id = ?").problems().isEmpty());
    }
}
