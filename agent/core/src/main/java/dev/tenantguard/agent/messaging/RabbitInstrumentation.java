package dev.tenantguard.agent.messaging;

import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.tenantguard.agent.tooling.ClassFileFilter;
import dev.tenantguard.agent.tooling.Transformers;
import dev.tenantguard.agent.tooling.TypeInstrumentation;
import dev.tenantguard.internal.MessagingHooks;
import java.util.List;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * The RabbitMQ Java client (5.x), as its classes and the application's consumers load:
 * <ul>
 * <li>Publish: {@code ChannelN.basicPublish(exchange, routingKey, mandatory, immediate, props, body)}
 *     — every overload, and the recovering channel, end there (from 5.38 in the overload that takes a
 *     {@code ByteBuffer} and a {@code WriteListener}, which is then the one instrumented). The message
 *     is checked and given the tenant before a frame is written.</li>
 * <li>Receive: {@code ChannelN.basicConsume(queue, autoAck, consumerTag, noLocal, exclusive, arguments,
 *     Consumer)} — every overload, and the recovering channel, end there — and
 *     {@code ChannelN.basicGet(queue, autoAck)}: the queue is checked before the broker is asked.</li>
 * <li>Consume: {@code handleDelivery(consumerTag, envelope, properties, body)} of every class that
 *     implements {@code com.rabbitmq.client.Consumer} ({@code DefaultConsumer} subclasses, the
 *     client's adapter of {@code DeliverCallback} lambdas): the delivery runs in the message's tenant.</li>
 * <li>Spring AMQP: {@code AbstractMessageListenerContainer.executeListener(Channel, Object)}, where every
 *     container ({@code @RabbitListener}'s included) hands a message to its listener: the listener runs in
 *     the message's tenant, whichever thread the container runs it on.</li>
 * </ul>
 */
final class RabbitInstrumentation {
    static final String CHANNEL = "com.rabbitmq.client.impl.ChannelN";
    static final String CONSUMER = "com.rabbitmq.client.Consumer";

    static final TypeInstrumentation PUBLISH = new TypeInstrumentation("its messages are not checked and carry no tenant",
            ClassFileFilter.classes(List.of(CHANNEL)), false) {
        @Override
        protected AgentBuilder apply(AgentBuilder builder) {
            Advice advice = Advice.to(Publish.class);
            ElementMatcher.Junction<MethodDescription> withBuffer = named("basicPublish").and(takesArguments(7))
                    .and(takesArgument(5, named("java.nio.ByteBuffer")));
            ElementMatcher.Junction<MethodDescription> withBytes = named("basicPublish").and(takesArguments(6))
                    .and(takesArgument(5, byte[].class));
            ElementMatcher.Junction<MethodDescription> consume = named("basicConsume").and(takesArguments(7))
                    .and(takesArgument(6, named(CONSUMER)));
            ElementMatcher.Junction<MethodDescription> get = named("basicGet").and(takesArguments(2));
            return builder.type(named(CHANNEL)).transform((b, type, loader, module, domain) -> {
                // the overload every other one calls: with a ByteBuffer from 5.38, with byte[] before
                boolean buffered = !type.getDeclaredMethods().filter(withBuffer).isEmpty();
                if (!buffered && type.getDeclaredMethods().filter(withBytes).isEmpty()) {
                    return b.visit(Transformers.refused("messaging", "the RabbitMQ Java client", type, domain));
                }
                AsmVisitorWrapper unreadable = Transformers.refusedIfMissing("messaging", "the RabbitMQ Java client",
                        RabbitProperties.READS, type, loader, domain);
                if (unreadable != null) {
                    return b.visit(unreadable);
                }
                if (type.getDeclaredMethods().filter(consume.or(get)).size() != 2) {
                    System.err.println("tenant-guard: " + type.getName() + " has no basicConsume or basicGet the agent "
                            + "expects: taking messages from a queue is not checked with this version of the client");
                }
                return b.visit(advice.on(buffered ? withBuffer : withBytes))
                        .visit(Advice.to(Consume.class).on(consume))
                        .visit(Advice.to(Get.class).on(get));
            });
        }
    };

    static final TypeInstrumentation CONSUME = new TypeInstrumentation(
            "its deliveries do not run in the tenant of their message",
            ClassFileFilter.anyClass().declaring(List.of("handleDelivery"),
                    "(Ljava/lang/String;Lcom/rabbitmq/client/Envelope;Lcom/rabbitmq/client/AMQP$BasicProperties;[B)"),
            false) {
        @Override
        protected AgentBuilder apply(AgentBuilder builder) {
            Advice advice = Advice.to(Deliver.class);
            ElementMatcher.Junction<MethodDescription> handleDelivery = named("handleDelivery").and(takesArguments(4))
                    .and(takesArgument(1, named("com.rabbitmq.client.Envelope"))).and(not(isAbstract()));
            return builder.type(not(isInterface()).and(hasSuperType(named(CONSUMER))))
                    .transform((b, type, loader, module, domain) -> b.visit(advice.on(handleDelivery)));
        }
    };

    static final String SPRING_CONTAINER = "org.springframework.amqp.rabbit.listener.AbstractMessageListenerContainer";

    static final TypeInstrumentation SPRING_LISTENER = new TypeInstrumentation(
            "its listeners (@RabbitListener) do not run in the tenant of their message",
            ClassFileFilter.classes(List.of(SPRING_CONTAINER)), false) {
        @Override
        protected AgentBuilder apply(AgentBuilder builder) {
            ElementMatcher.Junction<MethodDescription> executeListener = named("executeListener").and(takesArguments(2))
                    .and(takesArgument(0, named("com.rabbitmq.client.Channel")));
            return builder.type(named(SPRING_CONTAINER)).transform((b, type, loader, module, domain) -> {
                if (type.getDeclaredMethods().filter(executeListener).isEmpty()) {
                    System.err.println("tenant-guard: " + type.getName() + " has no executeListener(Channel, Object): "
                            + "Spring AMQP listeners do not run in their message's tenant with this version");
                }
                return b.visit(Advice.to(Listen.class).on(executeListener));
            });
        }
    };

    private RabbitInstrumentation() {
    }

    /** ChannelN.basicPublish(String, String, boolean, boolean, BasicProperties, byte[] | ByteBuffer[, WriteListener]). */
    static final class Publish {
        @Advice.OnMethodEnter
        static void enter(@Advice.This Object channel, @Advice.Argument(0) String exchange,
                @Advice.Argument(1) String routingKey,
                @Advice.Argument(value = 4, readOnly = false, typing = Assigner.Typing.DYNAMIC) Object properties) {
            properties = MessagingHooks.publish(channel, exchange, routingKey, properties);
        }
    }

    /** ChannelN.basicConsume(String queue, boolean, String, boolean, boolean, Map, Consumer): the one all overloads call. */
    static final class Consume {
        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(0) String queue) {
            MessagingHooks.receive(queue, "CONSUME");
        }
    }

    /** ChannelN.basicGet(String queue, boolean autoAck). */
    static final class Get {
        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(0) String queue) {
            MessagingHooks.receive(queue, "GET");
        }
    }

    /**
     * AbstractMessageListenerContainer.executeListener(Channel, Object data): where every Spring AMQP container
     * hands a message (or a batch) to its listener — on the container's consumer thread for the simple
     * container, which took it from the queue its {@code handleDelivery} filled on another thread.
     */
    static final class Listen {
        @Advice.OnMethodEnter
        static String enter(@Advice.Argument(1) Object data) {
            return MessagingHooks.listenerEnter(data);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class)
        static void exit(@Advice.Enter String token) {
            MessagingHooks.deliveryExit(token);
        }
    }

    /** Consumer.handleDelivery(String consumerTag, Envelope, BasicProperties, byte[] body). */
    static final class Deliver {
        @Advice.OnMethodEnter
        static String enter(@Advice.Argument(1) Object envelope, @Advice.Argument(2) Object properties) {
            return MessagingHooks.deliveryEnter(envelope, properties);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class)
        static void exit(@Advice.Enter String token) {
            MessagingHooks.deliveryExit(token);
        }
    }
}
