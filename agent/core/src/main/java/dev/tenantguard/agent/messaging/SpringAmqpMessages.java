package dev.tenantguard.agent.messaging;

import java.lang.reflect.Method;
import java.util.Map;

/**
 * Reads Spring AMQP's {@code org.springframework.amqp.core.Message} (headers, the exchange and routing
 * key it was received from) by reflection: the agent links against no Spring class. Looked up once per
 * message class.
 */
final class SpringAmqpMessages {
    private static final ClassValue<Accessors> ACCESSORS = new ClassValue<>() {
        @Override
        protected Accessors computeValue(Class<?> type) {
            try {
                Method properties = type.getMethod("getMessageProperties");
                Class<?> propertiesType = properties.getReturnType();
                return new Accessors(properties, propertiesType.getMethod("getHeaders"),
                        propertiesType.getMethod("getReceivedExchange"), propertiesType.getMethod("getReceivedRoutingKey"));
            } catch (NoSuchMethodException e) {
                return null;
            }
        }
    };

    private record Accessors(Method properties, Method headers, Method exchange, Method routingKey) {
    }

    /** One received message: its headers and where it came from ({@code exchange/routingKey}). */
    record Received(Map<String, Object> headers, String destination) {
    }

    private SpringAmqpMessages() {
    }

    /** Whether {@code data} is a Spring AMQP message this reader understands. */
    static boolean isMessage(Object data) {
        return data != null && ACCESSORS.get(data.getClass()) != null;
    }

    @SuppressWarnings("unchecked")
    static Received read(Object message) throws ReflectiveOperationException {
        Accessors a = ACCESSORS.get(message.getClass());
        Object properties = a.properties.invoke(message);
        if (properties == null) {
            return new Received(null, "?/?");
        }
        return new Received((Map<String, Object>) a.headers.invoke(properties),
                a.exchange.invoke(properties) + "/" + a.routingKey.invoke(properties));
    }
}
