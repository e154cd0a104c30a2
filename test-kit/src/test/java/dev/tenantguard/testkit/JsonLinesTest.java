package dev.tenantguard.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesTest {
    @Test
    void readsOneObjectPerLineAndSkipsBlankLines(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("violations.jsonl");
        Files.writeString(file, "{\"kind\":\"CROSS_TENANT\",\"stack\":[\"a\",\"b\"],\"count\":2}\n\n"
                + "{\"kind\":\"NO_TENANT\",\"activeTenant\":null}\n");
        List<Map<String, Object>> rows = JsonLines.read(file);
        assertEquals(2, rows.size());
        assertEquals("CROSS_TENANT", rows.get(0).get("kind"));
        assertEquals(List.of("a", "b"), rows.get(0).get("stack"));
        assertEquals(2, ((Number) rows.get(0).get("count")).intValue());
        assertEquals(null, rows.get(1).get("activeTenant"));
    }

    @Test
    void aMissingFileHasNoRows(@TempDir Path dir) throws IOException {
        assertEquals(List.of(), JsonLines.read(dir.resolve("absent.jsonl")));
    }

    @Test
    void aLineThatIsNotExactlyOneObjectFails() {
        assertThrows(IllegalArgumentException.class, () -> JsonLines.parseObject("{\"kind\":\"X\"} trailing"));
        assertThrows(IllegalArgumentException.class, () -> JsonLines.parseObject("{\"kind\":"));
        assertThrows(IllegalArgumentException.class, () -> JsonLines.parseObject("[1,2]"));
        assertThrows(IllegalArgumentException.class, () -> JsonLines.parseObject("null"));
    }
}
