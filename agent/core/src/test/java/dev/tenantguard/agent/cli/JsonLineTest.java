package dev.tenantguard.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The reader of one flat JSON object. */
class JsonLineTest {

    @Test
    void readsStringsNullsNumbersAndAnArrayOfStrings() {
        Map<String, Object> f = JsonLine.parse(
                "{\"a\":\"x\",\"b\":null,\"count\":12345678901,\"f\":-1.5e3,\"ok\":true,\"stack\":[\"s1\",\"s2\"],\"e\":[]}");

        assertEquals("x", f.get("a"));
        assertTrue(f.containsKey("b"));
        assertNull(f.get("b"));
        assertEquals(new BigDecimal("12345678901"), f.get("count"));
        assertEquals(0, new BigDecimal("-1500").compareTo((BigDecimal) f.get("f")));
        assertEquals(Boolean.TRUE, f.get("ok"));
        assertEquals(List.of("s1", "s2"), f.get("stack"));
        assertEquals(List.of(), f.get("e"));
        assertEquals(List.of("a", "b", "count", "f", "ok", "stack", "e"), List.copyOf(f.keySet()));
    }

    @Test
    void decodesEveryEscapeTheAgentWrites() {
        // the JSON text: "q\"b\\s\nn\rr\tt\u2028\u2029\u0001 é"
        Map<String, Object> f = JsonLine.parse("{\"v\":\"q\\\"b\\\\s\\nn\\rr\\tt\\u2028\\u2029\\u0001 é\\/\"}");

        assertEquals("q\"b\\s\nn\rr\tt\u2028\u2029\u0001 é/", f.get("v"));
    }

    @Test
    void toleratesSpacesBetweenTokens() {
        assertEquals(Map.of("a", List.of("x")), JsonLine.parse("  { \"a\" : [ \"x\" ] }  "));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "not json",
        "{\"a\":\"x\"",
        "{\"a\":\"x\",}",
        "{\"a\":\"x\"} trailing",
        "{\"a\":\"unterminated}",
        "{\"a\":\"bad \\x escape\"}",
        "{\"a\":\"short \\u12\"}",
        "{\"a\":\"bad \\u12zz\"}",
        "{\"a\":{\"nested\":1}}",
        "{\"a\":[1,2]}",
        "{\"a\":tru}",
        "{\"a\":1-2}",
        "{\"a\":1,\"a\":2}",
        "{a:1}",
        "[\"x\"]",
        "{\"a\":\"raw\ttab\"}"
    })
    void rejectsWhatIsNotAFlatObject(String line) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JsonLine.parse(line));
        assertTrue(e.getMessage().contains(" at column "), e.getMessage());
    }
}
