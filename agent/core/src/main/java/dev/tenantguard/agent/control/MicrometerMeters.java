package dev.tenantguard.agent.control;

import dev.tenantguard.agent.check.FamilyModes;
import dev.tenantguard.agent.report.ViolationCounters;
import dev.tenantguard.agent.report.ViolationEvent;
import dev.tenantguard.agent.report.ViolationReporter;
import java.lang.reflect.Method;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.function.Consumer;
import java.util.function.ToDoubleFunction;

/**
 * The agent's metrics in the application's Micrometer registry, when it has one: a counter
 * {@code tenant_guard.violations} per kind, family and action, and a gauge {@code tenant_guard.family.mode}
 * per family that can be switched (0 not guarded, 1 report, 2 enforce). Registered in Micrometer's global
 * registry ({@code Metrics.globalRegistry}), to which Spring Boot binds its own registries (its
 * {@code management.metrics.use-global-registry}, on by default): {@code /actuator/prometheus} shows them
 * as {@code tenant_guard_violations_total} and {@code tenant_guard_family_mode}.
 *
 * <p>Micrometer is found through the context class loader of a thread that violates (as the OpenTelemetry
 * sink finds its API), so the agent links against no Micrometer class; its meters read the agent's own
 * counters when scraped, so a violation calls nothing of Micrometer, and the allow path nothing at all.
 * Until the first violation of a service whose Micrometer the system class loader does not see (a Spring
 * Boot fat jar), the meters are not there yet: the JMX beans are.
 */
public final class MicrometerMeters implements Consumer<ViolationEvent> {
    static final String VIOLATIONS = "tenant_guard.violations";
    static final String MODE = "tenant_guard.family.mode";

    private final FamilyModes modes;
    private final ViolationCounters counters;
    /** Class loaders already searched: a loader without Micrometer is not searched again. */
    private final Map<ClassLoader, Boolean> searched = new WeakHashMap<>();
    /** The registries the meters are in, by identity: two loaders may show the same Micrometer. */
    private volatile ClassLoader lastSearched;
    private final Set<Object> bound = Collections.newSetFromMap(new java.util.IdentityHashMap<>());

    private MicrometerMeters(FamilyModes modes, ViolationCounters counters) {
        this.modes = modes;
        this.counters = counters;
    }

    /** Looks for Micrometer in each violating thread's context class loader from now on. */
    public static MicrometerMeters observe(FamilyModes modes, ViolationReporter reporter) {
        MicrometerMeters meters = new MicrometerMeters(modes, reporter.counters());
        reporter.observe(meters);
        return meters;
    }

    /** Looks for Micrometer in the system class loader: an application run from a class path. */
    public void searchSystemLoader() {
        search(ClassLoader.getSystemClassLoader());
    }

    @Override
    public void accept(ViolationEvent event) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        search(loader == null ? ClassLoader.getSystemClassLoader() : loader);
    }

    private void search(ClassLoader loader) {
        if (loader == lastSearched) {
            return; // the common case: violations of one service, from threads of one loader
        }
        synchronized (this) {
            if (searched.put(loader, Boolean.TRUE) == null) {
                bind(loader);
            }
            lastSearched = loader;
        }
    }

    private void bind(ClassLoader loader) {
        Object registry;
        Api api;
        try {
            Class<?> metrics = Class.forName("io.micrometer.core.instrument.Metrics", true, loader);
            registry = metrics.getField("globalRegistry").get(null);
            api = Api.find(loader);
        } catch (ReflectiveOperationException | LinkageError | RuntimeException noMicrometer) {
            return;
        }
        if (registry == null || !bound.add(registry)) {
            return;
        }
        try {
            for (String family : FamilyModes.SWITCHABLE) {
                ToDoubleFunction<FamilyModes> level = m -> ModeLevel.of(m, family);
                api.gauge(registry, family, modes, level);
            }
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            failed(e);
            return;
        }
        counters.eachSeries(series -> {
            try {
                api.counter(registry, series);
            } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
                failed(e);
            }
        });
    }

    private static void failed(Throwable e) {
        System.err.println("tenant-guard: Micrometer did not take a meter (" + e + "); JMX has it");
    }

    /** The Micrometer builders this class calls, from one class loader. */
    private static final class Api {
        Method counterBuilder;
        Method counterTags;
        Method counterDescription;
        Method counterRegister;
        Method gaugeBuilder;
        Method gaugeTags;
        Method gaugeDescription;
        Method gaugeStrong;
        Method gaugeRegister;

        static Api find(ClassLoader loader) throws ReflectiveOperationException {
            Class<?> registry = Class.forName("io.micrometer.core.instrument.MeterRegistry", false, loader);
            Class<?> counter = Class.forName("io.micrometer.core.instrument.FunctionCounter", false, loader);
            Class<?> counterBuilder = Class.forName("io.micrometer.core.instrument.FunctionCounter$Builder", false, loader);
            Class<?> gauge = Class.forName("io.micrometer.core.instrument.Gauge", false, loader);
            Class<?> gaugeBuilder = Class.forName("io.micrometer.core.instrument.Gauge$Builder", false, loader);
            Api api = new Api();
            api.counterBuilder = counter.getMethod("builder", String.class, Object.class, ToDoubleFunction.class);
            api.counterTags = counterBuilder.getMethod("tags", String[].class);
            api.counterDescription = counterBuilder.getMethod("description", String.class);
            api.counterRegister = counterBuilder.getMethod("register", registry);
            api.gaugeBuilder = gauge.getMethod("builder", String.class, Object.class, ToDoubleFunction.class);
            api.gaugeTags = gaugeBuilder.getMethod("tags", String[].class);
            api.gaugeDescription = gaugeBuilder.getMethod("description", String.class);
            api.gaugeStrong = gaugeBuilder.getMethod("strongReference", boolean.class);
            api.gaugeRegister = gaugeBuilder.getMethod("register", registry);
            return api;
        }

        void counter(Object registry, ViolationCounters.Series series) throws ReflectiveOperationException {
            ToDoubleFunction<ViolationCounters.Series> count = s -> s.count();
            Object builder = counterBuilder.invoke(null, VIOLATIONS, series, count);
            counterTags.invoke(builder, (Object) new String[] {"kind", series.kind(), "family", series.family(),
                "action", series.action()});
            counterDescription.invoke(builder, "tenant boundary violations (repeats included) by kind, family and"
                    + " action; privileged-scope entries under action AUDIT");
            counterRegister.invoke(builder, registry);
        }

        void gauge(Object registry, String family, FamilyModes modes, ToDoubleFunction<FamilyModes> level)
                throws ReflectiveOperationException {
            Object builder = gaugeBuilder.invoke(null, MODE, modes, level);
            gaugeTags.invoke(builder, (Object) new String[] {"family", family});
            gaugeDescription.invoke(builder, "mode of the family: 0 not guarded, 1 report, 2 enforce");
            gaugeStrong.invoke(builder, true);
            gaugeRegister.invoke(builder, registry);
        }
    }
}
