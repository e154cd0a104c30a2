package dev.tenantguard.agent.it;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One protobuf message read from its wire format without its schema: the caller knows which field
 * numbers hold nested messages, strings or bytes (from the {@code .proto} it reads), as an OTLP
 * receiver does. Enough of the format for OTLP export requests: varints, fixed 32/64-bit values and
 * length-delimited fields.
 */
final class ProtobufMessage {
    private final Map<Integer, List<Object>> fields = new LinkedHashMap<>();

    static ProtobufMessage parse(byte[] bytes) {
        ProtobufMessage message = new ProtobufMessage();
        int[] at = {0};
        while (at[0] < bytes.length) {
            long key = varint(bytes, at);
            int field = (int) (key >>> 3);
            Object value = switch ((int) (key & 7)) {
                case 0 -> varint(bytes, at);
                case 1 -> fixed(bytes, at, 8);
                case 2 -> {
                    int length = (int) varint(bytes, at);
                    byte[] content = java.util.Arrays.copyOfRange(bytes, at[0], at[0] + length);
                    at[0] += length;
                    yield content;
                }
                case 5 -> fixed(bytes, at, 4);
                default -> throw new IllegalArgumentException("wire type " + (key & 7) + " at byte " + at[0]);
            };
            message.fields.computeIfAbsent(field, f -> new ArrayList<>()).add(value);
        }
        return message;
    }

    /** Every occurrence of a repeated (or single) message field. */
    List<ProtobufMessage> messages(int field) {
        List<ProtobufMessage> messages = new ArrayList<>();
        for (Object value : fields.getOrDefault(field, List.of())) {
            messages.add(parse((byte[]) value));
        }
        return messages;
    }

    /** A string field, or null when absent. */
    String string(int field) {
        List<Object> values = fields.get(field);
        return values == null ? null : new String((byte[]) values.get(0), StandardCharsets.UTF_8);
    }

    /** A bytes field in lower-case hex (how OpenTelemetry prints trace and span ids), or null. */
    String hex(int field) {
        List<Object> values = fields.get(field);
        return values == null ? null : HexFormat.of().formatHex((byte[]) values.get(0));
    }

    private static long varint(byte[] bytes, int[] at) {
        long value = 0;
        for (int shift = 0; ; shift += 7) {
            byte b = bytes[at[0]++];
            value |= (long) (b & 0x7f) << shift;
            if (b >= 0) {
                return value;
            }
        }
    }

    private static long fixed(byte[] bytes, int[] at, int size) {
        long value = 0;
        for (int i = 0; i < size; i++) {
            value |= (long) (bytes[at[0]++] & 0xff) << (8 * i);
        }
        return value;
    }
}
