package dev.tenantguard.agent.messaging;

import dev.tenantguard.agent.carrier.TenantSignature;
import dev.tenantguard.agent.config.HttpPolicy;
import dev.tenantguard.agent.config.MessagingPolicy;
import dev.tenantguard.agent.config.Policy;
import dev.tenantguard.agent.tooling.Armed;
import dev.tenantguard.agent.tooling.Family;
import dev.tenantguard.agent.tooling.TypeInstrumentation;
import dev.tenantguard.internal.MessagingHooks;
import java.util.List;

/**
 * Message brokers: the RabbitMQ Java client instrumented as it loads ({@link RabbitInstrumentation});
 * each publish checked against {@code messaging.rules} and given the tenant, each delivery run in the
 * tenant its message carries, by {@link MessagingChecker} behind {@link MessagingHooks}.
 */
public final class MessagingFamily implements Family {
    @Override
    public String name() {
        return MessagingChecker.FAMILY;
    }

    @Override
    public boolean guarded(Policy policy) {
        return policy.messaging().instrumented();
    }

    @Override
    public List<TypeInstrumentation> libraryTypes() {
        return List.of(RabbitInstrumentation.PUBLISH, RabbitInstrumentation.CONSUME, RabbitInstrumentation.SPRING_LISTENER);
    }

    @Override
    public String unprovenConsequence() {
        return "Messages would not be checked or carry their tenant.";
    }

    @Override
    public void arm(Armed armed) {
        MessagingPolicy messaging = armed.policy().messaging();
        HttpPolicy http = armed.policy().http();
        MessagingHooks.install(armed.key(), new MessagingChecker(messaging.rules(), messaging.mode(), armed.enforcer(),
                messaging.propagates(), http.tenantHeader(), http.signatureHeader(),
                http.signingKey() == null ? null : new TenantSignature(http.signingKey()),
                armed.policy().tenantPattern()));
        armed.modes().guarded(name(), messaging.mode());
    }

    @Override
    public String status(Policy policy) {
        MessagingPolicy messaging = policy.messaging();
        if (!messaging.instrumented()) {
            return "messaging not guarded";
        }
        return "messaging " + messaging.mode().name().toLowerCase()
                + (messaging.checksDestinations() ? " (" + messaging.rules().size() + " rules)" : " (no rules)")
                + (messaging.propagates() ? ", tenant carried in " + policy.http().tenantHeader() + " and baggage"
                        : ", tenant not carried");
    }
}
