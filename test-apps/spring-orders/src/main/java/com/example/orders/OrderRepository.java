package com.example.orders;

import java.sql.PreparedStatement;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The orders of every tenant, in one shared table: each query must restrict {@code tenant_id} to the
 * tenant of the request. Transactional methods run through Spring's proxy of this class.
 */
@Repository
public class OrderRepository {
    private static final String COLUMNS = "id, tenant_id, customer, item, amount_cents, status";
    private static final RowMapper<Order> ROW = (rs, n) -> new Order(rs.getLong("id"), rs.getString("tenant_id"),
            rs.getString("customer"), rs.getString("item"), rs.getLong("amount_cents"), rs.getString("status"));

    private final JdbcTemplate jdbc;

    public OrderRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public long create(String tenant, String customer, String item, long amountCents) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.update(con -> {
            PreparedStatement ps = con.prepareStatement("INSERT INTO sb_orders (tenant_id, customer, item, amount_cents,"
                    + " status) VALUES (?, ?, ?, ?, 'NEW')", new String[] {"id"});
            ps.setString(1, tenant);
            ps.setString(2, customer);
            ps.setString(3, item);
            ps.setLong(4, amountCents);
            return ps;
        }, key);
        return key.getKey().longValue();
    }

    public List<Order> list(String tenant) {
        return jdbc.query("SELECT " + COLUMNS + " FROM sb_orders WHERE tenant_id = ? ORDER BY id", ROW, tenant);
    }

    public Optional<Order> find(String tenant, long id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM sb_orders WHERE tenant_id = ? AND id = ?", ROW, tenant, id)
                .stream().findFirst();
    }

    /**
     * The receipt view. PLANTED BUG (IDOR): the order is looked up by id alone, with no tenant
     * predicate, so any tenant that guesses an id reads another tenant's order.
     */
    public Optional<Order> findForReceipt(long id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM sb_orders WHERE id = ?", ROW, id).stream().findFirst();
    }

    /** Marks the tenant's own order paid; false if the tenant has no such order. */
    @Transactional
    public boolean markPaid(String tenant, long id) {
        return jdbc.update("UPDATE sb_orders SET status = 'PAID' WHERE tenant_id = ? AND id = ?", tenant, id) == 1;
    }

    /**
     * Cancels an order. PLANTED BUG (IDOR write): the update matches the id alone, so a tenant can
     * cancel another tenant's order; the tenant check the caller thinks it has is not in the SQL.
     */
    @Transactional
    public boolean cancel(long id) {
        return jdbc.update("UPDATE sb_orders SET status = 'CANCELLED' WHERE id = ?", id) == 1;
    }
}
