package dev.tenantguard.agent.messaging;

import dev.tenantguard.agent.tooling.LibraryMembers;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Map;

/**
 * RabbitMQ Java client 5: {@code AMQP.BasicProperties} (immutable; a copy with other headers is made
 * with {@code builder().headers(…).build()}) and {@code Envelope}, read through public methods found in
 * the client's class loader: the agent links against no client.
 */
final class RabbitProperties {
    private static final String PROPERTIES = "com.rabbitmq.client.AMQP$BasicProperties";
    private static final String BUILDER = "com.rabbitmq.client.AMQP$BasicProperties$Builder";
    private static final String ENVELOPE = "com.rabbitmq.client.Envelope";

    private static final String MAP = "java.util.Map";
    private static final String STRING = "java.lang.String";

    /** Every member the handles below are made of: checked when {@code ChannelN} is matched. */
    static final LibraryMembers READS = LibraryMembers.none()
            .method(PROPERTIES, "getHeaders", MAP)
            .method(PROPERTIES, "builder", BUILDER)
            .constructor(BUILDER)
            .method(BUILDER, "headers", BUILDER, MAP)
            .method(BUILDER, "build", PROPERTIES)
            .method(ENVELOPE, "getExchange", STRING)
            .method(ENVELOPE, "getRoutingKey", STRING);

    private static final ClassValue<Handles> HANDLES = new ClassValue<>() {
        @Override
        protected Handles computeValue(Class<?> type) {
            return new Handles(type.getClassLoader());
        }
    };

    private RabbitProperties() {
    }

    /** The headers of {@code properties} (may be {@code null}), or {@code null}. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> headers(Object properties) {
        if (properties == null) {
            return null;
        }
        try {
            return (Map<String, Object>) (Object) HANDLES.get(properties.getClass()).headers.invokeExact(properties);
        } catch (Throwable t) {
            throw unchecked(t);
        }
    }

    /**
     * A copy of {@code properties} (may be {@code null}) with {@code headers}; the handles are found
     * once per class, from the properties' class or else from {@code clientClass}, a class of the client.
     */
    static Object withHeaders(Object properties, Class<?> clientClass, Map<String, Object> headers) {
        try {
            Handles handles = HANDLES.get(properties != null ? properties.getClass() : clientClass);
            Object builder = properties != null ? (Object) handles.builder.invokeExact(properties)
                    : (Object) handles.newBuilder.invokeExact();
            builder = (Object) handles.setHeaders.invokeExact(builder, (Object) headers);
            return (Object) handles.build.invokeExact(builder);
        } catch (Throwable t) {
            throw unchecked(t);
        }
    }

    /** The exchange and routing key of a delivery's {@code Envelope}: {@code exchange/routingKey}. */
    static String destination(Object envelope) {
        try {
            Handles handles = HANDLES.get(envelope.getClass());
            return (String) (Object) handles.exchange.invokeExact(envelope) + "/"
                    + (String) (Object) handles.routingKey.invokeExact(envelope);
        } catch (Throwable t) {
            throw unchecked(t);
        }
    }

    private static final class Handles {
        final MethodHandle headers;
        final MethodHandle builder;
        final MethodHandle newBuilder;
        final MethodHandle setHeaders;
        final MethodHandle build;
        final MethodHandle exchange;
        final MethodHandle routingKey;

        Handles(ClassLoader loader) {
            try {
                Class<?> properties = Class.forName(PROPERTIES, false, loader);
                Class<?> builderType = Class.forName(BUILDER, false, loader);
                Class<?> envelope = Class.forName(ENVELOPE, false, loader);
                MethodHandles.Lookup lookup = MethodHandles.publicLookup();
                headers = generic(lookup.findVirtual(properties, "getHeaders", MethodType.methodType(Map.class)));
                builder = generic(lookup.findVirtual(properties, "builder", MethodType.methodType(builderType)));
                newBuilder = generic(lookup.findConstructor(builderType, MethodType.methodType(void.class)));
                setHeaders = generic(lookup.findVirtual(builderType, "headers",
                        MethodType.methodType(builderType, Map.class)));
                build = generic(lookup.findVirtual(builderType, "build", MethodType.methodType(properties)));
                exchange = generic(lookup.findVirtual(envelope, "getExchange", MethodType.methodType(String.class)));
                routingKey = generic(lookup.findVirtual(envelope, "getRoutingKey", MethodType.methodType(String.class)));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("this version of the RabbitMQ client has no BasicProperties.getHeaders/"
                        + "builder or Envelope.getExchange/getRoutingKey: the tenant cannot travel with its messages", e);
            }
        }
    }

    private static MethodHandle generic(MethodHandle handle) {
        return handle.asType(handle.type().generic());
    }

    private static RuntimeException unchecked(Throwable t) {
        if (t instanceof RuntimeException) {
            return (RuntimeException) t;
        }
        if (t instanceof Error) {
            throw (Error) t;
        }
        return new IllegalStateException(t);
    }
}
