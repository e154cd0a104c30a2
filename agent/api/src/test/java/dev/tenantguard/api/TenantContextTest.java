package dev.tenantguard.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tenantguard.internal.AgentKey;
import dev.tenantguard.internal.TenantHooks;
import dev.tenantguard.internal.ThreadState;
import java.io.IOException;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** The tenant context without the agent: plain per-thread state. */
class TenantContextTest {
    /** No agent in this JVM: this test class is the first and only claimant of the key. */
    private static final AgentKey KEY = AgentKey.claim();

    @BeforeEach
    @AfterEach
    void resetThreadState() {
        ThreadState state = ThreadState.current();
        state.tenant(KEY, null);
        state.busy(KEY, false);
        while (state.privileged()) {
            TenantHooks.privilegedExited();
        }
    }

    @Test
    void noTenantByDefault() {
        assertNull(TenantContext.current());
        assertFalse(TenantContext.isPrivileged());
    }

    @Test
    void openMakesTheTenantCurrentAndCloseRestoresNone() {
        TenantScope scope = TenantContext.open("acme");
        assertEquals("acme", TenantContext.current());

        scope.close();
        assertNull(TenantContext.current());
    }

    @Test
    void scopesNest() {
        try (TenantScope outer = TenantContext.open("acme")) {
            assertEquals("acme", TenantContext.current());
            try (TenantScope inner = TenantContext.open("globex")) {
                assertEquals("globex", TenantContext.current());
                try (TenantScope same = TenantContext.open("globex")) {
                    assertEquals("globex", TenantContext.current());
                }
                assertEquals("globex", TenantContext.current());
            }
            assertEquals("acme", TenantContext.current());
        }
        assertNull(TenantContext.current());
    }

    @Test
    void closeIsIdempotent() {
        TenantScope outer = TenantContext.open("acme");
        TenantScope inner = TenantContext.open("globex");

        inner.close();
        assertEquals("acme", TenantContext.current());
        TenantScope other = TenantContext.open("initech");
        inner.close(); // a second close must not restore "acme" over "initech"
        assertEquals("initech", TenantContext.current());

        other.close();
        outer.close();
        outer.close();
        assertNull(TenantContext.current());
    }

    @Test
    void closingAnOuterScopeClosesTheScopesOpenedInsideItAndNeverRevivesOne() {
        TenantScope outer = TenantContext.open("acme");
        TenantScope inner = TenantContext.open("globex");

        outer.close(); // inner was left open: it closes with outer
        assertNull(TenantContext.current());
        inner.close(); // closed already, with outer: it must not bring "acme" back
        assertNull(TenantContext.current());

        TenantScope next = TenantContext.open("initech");
        inner.close();
        outer.close();
        assertEquals("initech", TenantContext.current());
        next.close();
        assertNull(TenantContext.current());
    }

    @Test
    void aScopeClosedOnAnotherThreadChangesNothing() throws Exception {
        TenantScope scope = TenantContext.open("acme");
        Thread other = new Thread(scope::close);
        other.start();
        other.join();

        assertEquals("acme", TenantContext.current());
        scope.close();
        assertNull(TenantContext.current());
    }

    @ParameterizedTest
    @NullAndEmptySource
    void openRejectsAMissingTenant(String tenant) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TenantContext.open(tenant));

        assertEquals("tenant must be a non-empty id, was " + (tenant == null ? "null" : "\"\""), e.getMessage());
        assertNull(TenantContext.current());
    }

    @Test
    void aRejectedOpenLeavesTheCurrentTenant() {
        try (TenantScope scope = TenantContext.open("acme")) {
            assertThrows(IllegalArgumentException.class, () -> TenantContext.open(""));
            assertThrows(IllegalArgumentException.class, () -> TenantContext.run(null, () -> { }));
            assertEquals("acme", TenantContext.current());
        }
    }

    @Test
    void runSetsTheTenantForTheWorkOnly() {
        AtomicReference<String> inside = new AtomicReference<>();

        TenantContext.run("acme", () -> inside.set(TenantContext.current()));

        assertEquals("acme", inside.get());
        assertNull(TenantContext.current());
    }

    @Test
    void runRestoresThePreviousTenantWhenTheWorkThrows() {
        try (TenantScope scope = TenantContext.open("acme")) {
            IllegalStateException thrown = new IllegalStateException("boom");

            IllegalStateException e = assertThrows(IllegalStateException.class, () -> TenantContext.run("globex", () -> {
                assertEquals("globex", TenantContext.current());
                throw thrown;
            }));

            assertSame(thrown, e);
            assertEquals("acme", TenantContext.current());
        }
    }

    @Test
    void callReturnsTheResultAndRestores() throws Exception {
        String result = TenantContext.call("acme", () -> "in " + TenantContext.current());

        assertEquals("in acme", result);
        assertNull(TenantContext.current());
    }

    @Test
    void callRestoresWhenTheWorkThrowsACheckedException() {
        IOException thrown = new IOException("disk");

        IOException e = assertThrows(IOException.class, () -> TenantContext.call("acme", () -> {
            throw thrown;
        }));

        assertSame(thrown, e);
        assertNull(TenantContext.current());
    }

    @Test
    void runAndCallNest() throws Exception {
        String result = TenantContext.call("acme",
                () -> {
                    AtomicReference<String> inner = new AtomicReference<>();
                    TenantContext.run("globex", () -> inner.set(TenantContext.current()));
                    return inner.get() + "/" + TenantContext.current();
                });

        assertEquals("globex/acme", result);
    }

    @Test
    void privilegedRunnableIsPrivilegedInsideOnly() {
        AtomicReference<Boolean> inside = new AtomicReference<>();

        TenantContext.privileged("nightly migration", (Runnable) () -> inside.set(TenantContext.isPrivileged()));

        assertTrue(inside.get());
        assertFalse(TenantContext.isPrivileged());
        assertEquals(0, ThreadState.current().privilegedDepth());
    }

    @Test
    void privilegedCallableReturnsItsResult() throws Exception {
        Boolean inside = TenantContext.privileged("admin report", (Callable<Boolean>) TenantContext::isPrivileged);

        assertTrue(inside);
        assertFalse(TenantContext.isPrivileged());
    }

    @Test
    void privilegedScopesNest() {
        TenantContext.privileged("outer", (Runnable) () -> {
            TenantContext.privileged("inner", (Runnable) () -> assertEquals(2, ThreadState.current().privilegedDepth()));
            assertTrue(TenantContext.isPrivileged());
        });

        assertFalse(TenantContext.isPrivileged());
    }

    @Test
    void privilegedEndsWhenTheWorkThrows() {
        assertThrows(IllegalStateException.class, () -> TenantContext.privileged("job", (Runnable) () -> {
            throw new IllegalStateException("boom");
        }));
        assertFalse(TenantContext.isPrivileged());

        assertThrows(IOException.class, () -> TenantContext.privileged("job", (Callable<Object>) () -> {
            throw new IOException("disk");
        }));
        assertFalse(TenantContext.isPrivileged());
    }

    @Test
    void privilegedKeepsTheTenant() {
        try (TenantScope scope = TenantContext.open("acme")) {
            TenantContext.privileged("job", (Runnable) () -> assertEquals("acme", TenantContext.current()));
            assertEquals("acme", TenantContext.current());
        }
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "   ", "\t", "\n", " \t\r\n "})
    void privilegedNeedsAReason(String reason) {
        AtomicReference<Boolean> ran = new AtomicReference<>(false);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TenantContext.privileged(reason, (Runnable) () -> ran.set(true)));
        assertThrows(IllegalArgumentException.class,
                () -> TenantContext.privileged(reason, (Callable<Boolean>) () -> ran.getAndSet(true)));

        assertEquals("a privileged scope needs a reason for the audit trail", e.getMessage());
        assertFalse(ran.get());
        assertFalse(TenantContext.isPrivileged());
        assertEquals(0, ThreadState.current().privilegedDepth());
    }

    @Test
    void anotherThreadSeesItsOwnContext() throws Exception {
        AtomicReference<String> seen = new AtomicReference<>("unset");
        AtomicReference<Boolean> privileged = new AtomicReference<>();
        CountDownLatch opened = new CountDownLatch(1);
        CountDownLatch checked = new CountDownLatch(1);
        AtomicReference<String> otherTenant = new AtomicReference<>();

        try (TenantScope scope = TenantContext.open("acme")) {
            TenantContext.privileged("job", (Runnable) () -> {
                Thread other = new Thread(() -> {
                    seen.set(TenantContext.current());
                    privileged.set(TenantContext.isPrivileged());
                    try (TenantScope own = TenantContext.open("globex")) {
                        otherTenant.set(TenantContext.current());
                        opened.countDown();
                        await(checked);
                    }
                });
                other.start();
                await(opened);
                assertEquals("acme", TenantContext.current()); // the other thread's open does not leak here
                checked.countDown();
                join(other);
            });
        }

        assertNull(seen.get());
        assertFalse(privileged.get());
        assertEquals("globex", otherTenant.get());
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(10, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static void join(Thread thread) {
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
