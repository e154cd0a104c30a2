package dev.tenantguard.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the agent's JSONL report into maps, one per line, with Jackson: a line that is not exactly
 * one JSON object fails the test loudly.
 */
public final class JsonLines {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };

    private JsonLines() {
    }

    /** Every line of {@code file} (none when it does not exist), blank lines skipped. */
    public static List<Map<String, Object>> read(Path file) throws IOException {
        List<Map<String, Object>> objects = new ArrayList<>();
        if (!Files.exists(file)) {
            return objects;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                objects.add(parseObject(line));
            }
        }
        return objects;
    }

    /** One line, which must hold one JSON object and nothing else. */
    public static Map<String, Object> parseObject(String line) {
        try {
            Map<String, Object> object = JSON.readValue(line, OBJECT);
            if (object == null) {
                throw new IllegalArgumentException("not one JSON object: " + line);
            }
            return object;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not one JSON object: " + line + " (" + e.getOriginalMessage() + ")", e);
        }
    }
}
