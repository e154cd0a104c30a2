package dev.tenantguard.agent.policy;

/**
 * A message destination rule: {@code amqp://<exchange>/<routing key>}, or {@code amqp://<routing key>}
 * for a routing key on any exchange ({@code amqp:///<queue>} is the default exchange, whose routing
 * key is the queue's name). The routing key is matched in the pattern language of {@link KeyRule}
 * with {@code .} as the separator ({@code *} within a word, {@code **} or {@code #} any number of
 * words); the exchange is one word. {@code {tenant}} appears exactly once, in either.
 */
public final class DestinationRule {
    static final String AMQP = "amqp://";

    private final String pattern;
    /** {@code null}: any exchange. */
    private final KeyRule exchange;
    private final KeyRule routingKey;

    private DestinationRule(String pattern, KeyRule exchange, KeyRule routingKey) {
        this.pattern = pattern;
        this.exchange = exchange;
        this.routingKey = routingKey;
    }

    public static DestinationRule compile(String rule) {
        if (!rule.startsWith(AMQP)) {
            throw new IllegalArgumentException("rule '" + rule + "' does not start with " + AMQP
                    + " (amqp://<exchange>/<routing key>, or amqp://<routing key> on any exchange)");
        }
        String rest = rule.substring(AMQP.length());
        int tenants = rest.split("\\{tenant}", -1).length - 1;
        if (tenants != 1) {
            throw new IllegalArgumentException("rule '" + rule + "' must hold {tenant} exactly once");
        }
        if (rest.replace("{tenant}", "").indexOf('{') >= 0 || rest.replace("{tenant}", "").indexOf('}') >= 0) {
            throw new IllegalArgumentException("rule '" + rule + "' has '{' or '}' outside {tenant}");
        }
        int slash = rest.indexOf('/');
        String exchange = slash < 0 ? null : rest.substring(0, slash);
        String routing = slash < 0 ? rest : rest.substring(slash + 1);
        if (routing.indexOf('/') >= 0) {
            throw new IllegalArgumentException("rule '" + rule + "' has more than one '/'");
        }
        String words = ("." + routing + ".").replace(".#.", ".**.");
        words = words.substring(1, words.length() - 1);
        return new DestinationRule(rule, exchange == null ? null : KeyRule.compile(exchange, '\u0000'),
                KeyRule.compile(words, '.'));
    }

    /** The rule as written. */
    public String pattern() {
        return pattern;
    }

    /**
     * Matches a publish: {@link KeyRule#NO_MATCH}, or the tenant capture packed as in
     * {@link PathRule}, with {@code inExchange} telling which string it indexes (see {@link #capturesExchange}).
     */
    public long match(String exchangeName, String routingKeyName) {
        long inExchange = -2;
        if (exchange != null) {
            inExchange = exchange.match(exchangeName);
            if (inExchange == KeyRule.NO_MATCH) {
                return KeyRule.NO_MATCH;
            }
        }
        long inRouting = routingKey.match(routingKeyName);
        if (inRouting == KeyRule.NO_MATCH) {
            return KeyRule.NO_MATCH;
        }
        return inExchange >= 0 ? inExchange : inRouting;
    }

    /** Whether the tenant is captured in the exchange name (else in the routing key). */
    public boolean capturesExchange() {
        return exchange != null && exchange.pattern().contains("{tenant}");
    }

    @Override
    public String toString() {
        return pattern;
    }
}
