package dev.tenantguard.agent.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OnErrorPolicyTest {
    @Test
    void byDefaultAFamilyFailsClosedWhileItEnforcesAndOpenWhileItReports() {
        assertTrue(OnErrorPolicy.DEFAULTS.failsClosed("files", Mode.ENFORCE));
        assertFalse(OnErrorPolicy.DEFAULTS.failsClosed("jdbc", Mode.REPORT));
        assertTrue(OnErrorPolicy.DEFAULTS.failsClosed("context", Mode.ENFORCE));
    }

    @Test
    void onErrorWinsOverTheModeAndAFamilysOwnKeyWinsOverOnError() {
        OnErrorPolicy policy = new OnErrorPolicy(OnError.FAILOPEN, null, OnError.FAILCLOSED, null);
        assertFalse(policy.failsClosed("files", Mode.ENFORCE));
        assertFalse(policy.failsClosed("context", Mode.ENFORCE));
        assertTrue(policy.failsClosed("jdbc", Mode.REPORT));
        assertFalse(new OnErrorPolicy(null, null, null, OnError.FAILOPEN).failsClosed("http", Mode.ENFORCE));
    }
}
