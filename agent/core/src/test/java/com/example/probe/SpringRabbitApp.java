package com.example.probe;

import dev.tenantguard.api.TenantBoundaryViolation;
import dev.tenantguard.api.TenantContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.EnableRabbit;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.amqp.rabbit.config.SimpleRabbitListenerContainerFactory;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A plain Spring application with a {@code @RabbitListener} on the simple listener container (whose
 * consumer thread takes each message from a queue another thread's {@code handleDelivery} filled).
 *
 * <p>Arguments: the data folder, the queue, the number of messages to wait for. For each message the
 * listener, which opens no tenant itself, writes {@code tenants/<body>/from-listener.txt} and prints
 * {@code DELIVERY tenant=<tenant in context> file=<OK|BLOCKED kind> thread=<name>}; then the app prints
 * {@code DONE} (or {@code MISSING n}) and exits.
 */
@Configuration
@EnableRabbit
public class SpringRabbitApp {
    static Path folder;
    static CountDownLatch received;

    @Bean
    public CachingConnectionFactory connectionFactory() {
        return new CachingConnectionFactory("127.0.0.1", 5672);
    }

    @Bean
    public SimpleRabbitListenerContainerFactory rabbitListenerContainerFactory(CachingConnectionFactory connections) {
        SimpleRabbitListenerContainerFactory factory = new SimpleRabbitListenerContainerFactory();
        factory.setConnectionFactory(connections);
        factory.setPrefetchCount(10); // several messages queued at once inside the container
        return factory;
    }

    @Bean
    public Listener listener() {
        return new Listener();
    }

    /** The application's listener. */
    public static class Listener {
        @RabbitListener(queues = "#{systemProperties['tgtest.queue']}")
        public void onMessage(Message message) {
            String tenantOfData = new String(message.getBody(), StandardCharsets.UTF_8);
            String file;
            try {
                Path target = folder.resolve("tenants").resolve(tenantOfData);
                Files.createDirectories(target);
                Files.writeString(target.resolve("from-listener.txt"), "written");
                file = "OK";
            } catch (TenantBoundaryViolation v) {
                file = "BLOCKED " + v.kind();
            } catch (Exception e) {
                file = "FAILED " + e;
            }
            System.out.println("DELIVERY tenant=" + TenantContext.current() + " file=" + file
                    + " thread=" + Thread.currentThread().getName());
            received.countDown();
        }
    }

    public static void main(String[] args) throws Exception {
        folder = Path.of(args[0]);
        System.setProperty("tgtest.queue", args[1]);
        int count = Integer.parseInt(args[2]);
        received = new CountDownLatch(count);
        try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(SpringRabbitApp.class)) {
            boolean all = received.await(30, TimeUnit.SECONDS);
            System.out.println(all ? "DONE" : "MISSING " + received.getCount());
        }
    }
}
