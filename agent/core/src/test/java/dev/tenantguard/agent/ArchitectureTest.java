package dev.tenantguard.agent;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The boundaries of the agent's code: arrows run one way — entry (this package, {@code cli},
 * {@code control}) → families ({@code files}, {@code jdbc}, {@code http}, {@code propagation},
 * {@code inbound}, and the reflection {@code seal}) → the mechanisms and shared parts ({@code tooling}, {@code check},
 * {@code report}, {@code config}, {@code policy}, {@code carrier}) → the bootstrap part
 * ({@code dev.tenantguard.internal}) and the API.
 */
class ArchitectureTest {
    private static final String[] FAMILIES = {"..agent.files..", "..agent.jdbc..", "..agent.http..",
        "..agent.propagation..", "..agent.inbound..", "..agent.seal.."};
    private static final String[] SHARED = {"..agent.check..", "..agent.report..", "..agent.config..",
        "..agent.policy..", "..agent.carrier.."};
    private static final JavaClasses AGENT = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.tenantguard");

    @Test
    void theApiDependsOnNothingOfTheAgent() {
        classes().that().resideInAPackage("dev.tenantguard.api..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "dev.tenantguard.api..",
                        "dev.tenantguard.internal..")
                .check(AGENT);
    }

    @Test
    void theBootstrapPartDependsOnTheJdkAndTheApiOnly() {
        classes().that().resideInAPackage("dev.tenantguard.internal..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "dev.tenantguard.api..",
                        "dev.tenantguard.internal..")
                .check(AGENT);
    }

    @Test
    void checkersSqlPolicyAndReportNeverTouchByteBuddyOrAsm() {
        noClasses().that().resideInAnyPackage("..agent.check..", "..agent.report..", "..agent.config..",
                "..agent.policy..", "..agent.carrier..", "..agent.jdbc.sql..", "..agent.http.library..")
                .or().haveSimpleNameEndingWith("Checker")
                .should().dependOnClassesThat().resideInAnyPackage("net.bytebuddy..", "org.objectweb.asm..")
                .check(AGENT);
    }

    @Test
    void theToolingKnowsNoFamily() {
        noClasses().that().resideInAPackage("..agent.tooling..")
                .should().dependOnClassesThat().resideInAnyPackage(FAMILIES)
                .check(AGENT);
    }

    @Test
    void sharedPartsKnowNoFamilyAndNoMechanism() {
        noClasses().that().resideInAnyPackage(SHARED)
                .should().dependOnClassesThat().resideInAnyPackage(FAMILIES)
                .orShould().dependOnClassesThat().resideInAPackage("..agent.tooling..")
                .check(AGENT);
    }

    @Test
    void familiesDoNotReachUpToTheEntry() {
        noClasses().that().resideInAnyPackage(FAMILIES)
                .should().dependOnClassesThat().resideInAnyPackage("dev.tenantguard.agent", "..agent.cli..",
                        "..agent.control..")
                .check(AGENT);
    }

    /**
     * The application's OpenTelemetry, Micrometer and SLF4J are found at run time through its class
     * loader and called reflectively: the agent links against none of their classes, so it starts
     * (and its sinks stay quiet) in an application without them, and never pins their versions.
     */
    @Test
    void theAgentLinksAgainstNoObservabilityLibrary() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("io.opentelemetry..", "io.micrometer..",
                "org.slf4j..")
                .check(AGENT);
    }

    @Test
    void familiesDoNotDependOnEachOther() {
        slices().matching("dev.tenantguard.agent.(files|jdbc|http|propagation|inbound|seal)..")
                .should().notDependOnEachOther()
                .check(AGENT);
    }

    /**
     * The API and its bootstrap part are one jar, loaded together by the bootstrap loader: the API
     * calls the hooks, and the hooks throw the API's {@code TenantBoundaryViolation}. That pair is the
     * one cycle allowed; every other package is free of cycles.
     */
    @Test
    void noPackageCycles() {
        slices().matching("dev.tenantguard.(**)").should().beFreeOfCycles()
                .ignoreDependency(resideInAPackage("dev.tenantguard.internal.."), resideInAPackage("dev.tenantguard.api.."))
                .check(AGENT);
    }
}
