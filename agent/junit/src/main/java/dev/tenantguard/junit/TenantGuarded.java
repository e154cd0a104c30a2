package dev.tenantguard.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the annotated test class under the tenant-guard agent, with the policy {@link #policy()}
 * from the test resources, and fails each test that caused a tenant boundary violation — in
 * {@code report} mode too, and when the code under test swallowed the exception.
 *
 * <pre>{@code
 * @TenantGuarded(policy = "tenant-guard-test.yaml")
 * class InvoiceStoreTest { ... }
 * }</pre>
 *
 * @see TenantGuardExtension
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@ExtendWith(TenantGuardExtension.class)
public @interface TenantGuarded {
    /**
     * The policy: a resource on the test class path (e.g. {@code src/test/resources}). Relative
     * paths inside it (file rules, {@code report.jsonl}) are resolved against the working directory
     * of the test JVM, as for {@code -javaagent}.
     */
    String policy() default TenantGuardExtension.DEFAULT_POLICY;
}
