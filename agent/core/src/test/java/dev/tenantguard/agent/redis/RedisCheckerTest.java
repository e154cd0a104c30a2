package dev.tenantguard.agent.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tenantguard.agent.check.BoundaryEnforcer;
import dev.tenantguard.agent.config.Mode;
import dev.tenantguard.agent.config.NoTenantResponse;
import dev.tenantguard.agent.policy.CallerPatterns;
import dev.tenantguard.agent.policy.KeyRules;
import dev.tenantguard.agent.redis.library.RedisCommandAccess;
import dev.tenantguard.agent.report.CollectingSink;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The command table through the checker, in report mode over a collecting sink: which arguments of
 * each form of command are read as keys, channels or patterns. A command is given as the words
 * sent, the way a client's generic command API sends it.
 */
class RedisCheckerTest {
    private static final KeyRules RULES = new KeyRules(List.of("tenant:{tenant}:**"));

    /** A command as the words sent: the name, then its arguments. */
    private static final RedisCommandAccess WORDS = new RedisCommandAccess() {
        @Override
        public Object keyword(Object command) {
            return null;
        }

        @Override
        public String name(Object command) {
            return ((String[]) command)[0];
        }

        @Override
        public int size(Object command) {
            return ((String[]) command).length - 1;
        }

        @Override
        public String text(Object command, int index) {
            return ((String[]) command)[index + 1];
        }
    };

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // command sent by acme | what is reported, kind:resource, in order ('-' nothing)
        "GET tenant:acme:a | -",
        "GET tenant:globex:a | CROSS_TENANT:tenant:globex:a",
        "get tenant:globex:a | CROSS_TENANT:tenant:globex:a",
        "SET cache:a v | -",
        "MSET tenant:acme:a 1 tenant:globex:b 2 | CROSS_TENANT:tenant:globex:b",
        "MSET tenant:acme:a tenant:globex:value | -",
        "DEL tenant:acme:a tenant:globex:b | CROSS_TENANT:tenant:globex:b",
        "RENAME tenant:globex:a tenant:acme:b | CROSS_TENANT:tenant:globex:a",
        "BLPOP tenant:acme:a tenant:globex:b 5 | CROSS_TENANT:tenant:globex:b",
        "EVAL return 2 tenant:acme:a tenant:globex:b tenant:globex:arg | CROSS_TENANT:tenant:globex:b",
        "EVAL return 0 tenant:globex:arg | -",
        "EVAL return 5 tenant:acme:a | UNSCOPED_QUERY:command EVAL",
        "EVAL return x tenant:acme:a | UNSCOPED_QUERY:command EVAL",
        "ZUNIONSTORE tenant:globex:d 2 tenant:acme:a tenant:acme:b | CROSS_TENANT:tenant:globex:d",
        "ZUNIONSTORE tenant:acme:d 1 tenant:globex:a WEIGHTS 1 | CROSS_TENANT:tenant:globex:a",
        "BLMPOP 5 2 tenant:acme:a tenant:globex:b LEFT | CROSS_TENANT:tenant:globex:b",
        "XREAD COUNT 2 STREAMS tenant:acme:s tenant:globex:s 0 0 | CROSS_TENANT:tenant:globex:s",
        "XREADGROUP GROUP g c STREAMS tenant:acme:s > | -",
        "SORT tenant:acme:l BY tenant:globex:w_* GET # STORE tenant:globex:out | UNSCOPED_QUERY:tenant:globex:w_* CROSS_TENANT:tenant:globex:out",
        "SORT tenant:acme:l BY tenant:acme:w_* LIMIT 0 10 GET tenant:acme:o_* | -",
        "GEORADIUS tenant:acme:g 0 0 5 km STORE tenant:globex:g2 | CROSS_TENANT:tenant:globex:g2",
        "OBJECT ENCODING tenant:globex:a | CROSS_TENANT:tenant:globex:a",
        "MEMORY USAGE tenant:globex:a | CROSS_TENANT:tenant:globex:a",
        "MEMORY STATS | -",
        "KEYS tenant:acme:* | -",
        "KEYS * | UNSCOPED_QUERY:*",
        "SCAN 0 | UNSCOPED_QUERY:*",
        "SCAN 0 COUNT 10 MATCH tenant:acme:* | -",
        "SCAN 0 MATCH tenant:acme* | UNSCOPED_QUERY:tenant:acme*",
        "HSCAN tenant:acme:h 0 MATCH * | -",
        "FLUSHDB | UNSCOPED_QUERY:*",
        "RANDOMKEY | UNSCOPED_QUERY:*",
        "PSUBSCRIBE tenant:acme:* tenant:* | UNSCOPED_QUERY:tenant:*",
        "SUBSCRIBE tenant:acme:c tenant:globex:c | CROSS_TENANT:tenant:globex:c",
        "PUBSUB CHANNELS | UNSCOPED_QUERY:*",
        "PUBSUB NUMSUB tenant:globex:c | CROSS_TENANT:tenant:globex:c",
        "PUBSUB NUMPAT | -",
        "PING | -",
        "CLIENT SETNAME tenant:globex:x | -",
        "MIGRATE host 6379 tenant:globex:a 0 100 | UNSCOPED_QUERY:command MIGRATE",
        "JSON.SET tenant:acme:a $ 1 | UNSCOPED_QUERY:command JSON.SET",
    })
    void whatEachFormOfCommandReports(String command, String expected) {
        CollectingSink sink = new CollectingSink();
        BoundaryEnforcer enforcer = new BoundaryEnforcer(CollectingSink.reporter(sink), new CallerPatterns(List.of()),
                NoTenantResponse.REPORT, 4);
        new RedisChecker(RULES, Mode.REPORT, enforcer).check(WORDS, command.split(" "), "acme");

        String reported = sink.writes().stream().map(w -> w.event().kind() + ":" + w.event().resource())
                .collect(Collectors.joining(" "));
        assertEquals(expected.equals("-") ? "" : expected, reported, command);
    }
}
