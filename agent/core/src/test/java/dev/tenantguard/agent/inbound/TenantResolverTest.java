package dev.tenantguard.agent.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.tenantguard.agent.carrier.TenantSignature;
import dev.tenantguard.agent.config.Policy;
import dev.tenantguard.agent.config.TenantSource.Kind;
import dev.tenantguard.agent.config.TenantSource;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class TenantResolverTest {
    private static final String KEY = "a-shared-secret-of-the-services";

    private final List<String> rejected = new ArrayList<>();

    @Test
    void headerDefaultsToTheTenantHeaderAndMayNameAnother() {
        assertEquals("acme", resolve(List.of(source(Kind.HEADER, null)), request("GET", "/", "x-tenant-id", " acme ")));
        assertEquals("globex", resolve(List.of(source(Kind.HEADER, "X-Org")), request("GET", "/", "X-Org", "globex")));
        assertNull(resolve(List.of(source(Kind.HEADER, null)), request("GET", "/", "X-Tenant-ID", "  ")));
    }

    @Test
    void subdomainMatchesLabelByLabelIgnoringCasePortAndTrailingDot() {
        List<TenantSource> from = List.of(source(Kind.SUBDOMAIN, "{tenant}.app.example.com"));
        assertEquals("acme", resolve(from, request("GET", "/", "Host", "acme.app.example.com")));
        assertEquals("acme", resolve(from, request("GET", "/", "Host", "ACME.App.Example.com.:8443")));
        assertNull(resolve(from, request("GET", "/", "Host", "app.example.com")));
        assertNull(resolve(from, request("GET", "/", "Host", "x.acme.app.example.com")));
        assertNull(resolve(from, request("GET", "/", "Host", "acme.app.example.com.evil.org")));
        assertNull(resolve(from, request("GET", "/", "Host", "[::1]:8080")));
    }

    @Test
    void pathCapturesItsSegmentOnTheRawPath() {
        List<TenantSource> from = List.of(source(Kind.PATH, "/t/{tenant}/**"));
        assertEquals("acme", resolve(from, request("GET", "/t/acme/orders/7", null, null)));
        assertEquals("acme", resolve(from, request("GET", "/t/acme", null, null)), "** matches no segment too");
        assertEquals("acme", resolve(from, request("GET", "/t/acme;jsessionid=1/x", null, null)));
        assertEquals("acme", resolve(from, request("GET", "/t/%61cme/x", null, null)));
        assertNull(resolve(from, request("GET", "/u/acme/x", null, null)));
        assertNull(resolve(from, request("GET", "/t//x", null, null)));
        assertNull(resolve(from, request("GET", "/t/acme/../globex/x", null, null)), "not normalized: nothing");
        assertEquals("acme", resolve(List.of(source(Kind.PATH, "/api/*/{tenant}")),
                request("GET", "/api/v2/acme", null, null)));
        assertNull(resolve(List.of(source(Kind.PATH, "/api/*/{tenant}")), request("GET", "/api/v2/acme/x", null, null)));
    }

    @Test
    void queryReadsOneParameterOfTheRawQueryDecodedAsAForm() {
        List<TenantSource> from = List.of(source(Kind.QUERY, "tenant"));
        assertEquals("acme", resolve(from, request("GET", "/orders?tenant=acme", null, null)));
        assertEquals("acme", resolve(from, request("GET", "/orders?page=2&tenant=acme&sort=id", null, null)));
        assertEquals("acme", resolve(from, request("GET", "/orders?tenant=%61cme", null, null)), "decoded as getParameter");
        assertEquals("acme", resolve(from, request("GET", "/orders?%74enant=acme", null, null)), "the name too");
        assertNull(resolve(from, request("GET", "/orders", null, null)));
        assertNull(resolve(from, request("GET", "/orders?tenants=acme&xtenant=globex", null, null)));
        assertEquals(List.of(), rejected, "absent is no tenant, nothing to report");
    }

    @Test
    void aQueryParameterGivenTwiceEmptyOrMalformedIsNoTenantAndReported() {
        List<TenantSource> from = List.of(source(Kind.QUERY, "tenant"), source(Kind.HEADER, null));
        assertNull(resolve(from, request("GET", "/o?tenant=acme&tenant=globex", null, null)));
        assertNull(resolve(from, request("GET", "/o?tenant=acme&tenant=acme", null, null)), "twice, even alike");
        assertNull(resolve(from, request("GET", "/o?tenant=", null, null)));
        assertNull(resolve(from, request("GET", "/o?tenant", null, null)));
        assertNull(resolve(from, request("GET", "/o?tenant=a%ZZ", null, null)));
        assertEquals("globex", resolve(from, request("GET", "/o?tenant=acme&tenant=globex", "X-Tenant-ID", "globex")),
                "the next source is tried");
        assertEquals(List.of(
                "acme, globex | tenant.from query tenant: the query parameter tenant is given 2 times: which one the"
                        + " application reads is not known",
                "acme, acme | tenant.from query tenant: the query parameter tenant is given 2 times: which one the"
                        + " application reads is not known",
                " | tenant.from query tenant: the query parameter tenant is empty",
                " | tenant.from query tenant: the query parameter tenant is empty",
                "a%ZZ | tenant.from query tenant: the query parameter tenant is not valid percent-encoding",
                "acme, globex | tenant.from query tenant: the query parameter tenant is given 2 times: which one the"
                        + " application reads is not known"), rejected);
    }

    @Test
    void jwtClaimReadsTheBearerTokensPayloadWithoutVerifyingIt() {
        List<TenantSource> from = List.of(source(Kind.JWT_CLAIM, "tenant_id"));
        assertEquals("acme", resolve(from, bearer("{\"sub\":\"u\",\"nested\":{\"tenant_id\":\"globex\"},\"tenant_id\":\"acme\"}")));
        assertEquals("acme", resolve(from, bearer("{ \"roles\" : [\"a\", {\"b\": [1,2]}], \"tenant_id\" : \"\\u0061cme\" }")));
        assertEquals("42", resolve(from, bearer("{\"tenant_id\":42}")));
        assertNull(resolve(from, bearer("{\"tenant_id\":{\"id\":\"acme\"}}")));
        assertNull(resolve(from, bearer("{\"other\":\"acme\"}")));
        assertNull(resolve(from, bearer("not json")));
        assertNull(resolve(from, request("GET", "/", "Authorization", "Bearer not-a-token")));
        assertNull(resolve(from, request("GET", "/", "Authorization", "Basic YWNtZTpzZWNyZXQ=")));
        assertNull(resolve(from, request("GET", "/", "Authorization", "Bearer a.%%%.c")));
    }

    @Test
    void baggageReadsItsMemberWithoutProperties() {
        List<TenantSource> from = List.of(source(Kind.BAGGAGE, null));
        assertEquals("acme", resolve(from, request("GET", "/", "baggage", "k=v, tenant = acme;p=1,z=2")));
        assertEquals("acme", resolve(from, request("GET", "/", "baggage", "tenant=%61cme")));
        assertNull(resolve(from, request("GET", "/", "baggage", "tenants=acme,xtenant=globex")));
        assertEquals("globex", resolve(List.of(source(Kind.BAGGAGE, "org")), request("GET", "/", "baggage", "org=globex")));
    }

    @Test
    void theFirstValidValueWinsAndAnInvalidOneIsRejectedWithItsSource() {
        List<TenantSource> from = List.of(source(Kind.HEADER, null), source(Kind.PATH, "/t/{tenant}/**"));
        assertEquals("globex", resolve(from, request("GET", "/t/globex/x", "X-Tenant-ID", "Not Valid")));
        assertEquals(List.of("Not Valid | tenant.from header X-Tenant-ID: it does not match tenant.pattern "
                + Policy.DEFAULT_TENANT_PATTERN), rejected);
        assertEquals("acme", resolve(from, request("GET", "/t/globex/x", "X-Tenant-ID", "acme")));
    }

    @Test
    void withASigningKeyTheTenantHeaderNeedsAValidSignatureForTenantMethodAndPath() {
        TenantSignature signature = new TenantSignature(KEY);
        long now = System.currentTimeMillis() / 1000;
        TenantResolver resolver = new TenantResolver(List.of(source(Kind.HEADER, null), source(Kind.BAGGAGE, null)),
                Policy.DEFAULT_TENANT_PATTERN, "X-Tenant-ID", "X-Tenant-ID-Signature", signature);

        assertEquals("acme", resolver.resolve(request("POST", "/o", "X-Tenant-ID", "acme",
                "X-Tenant-ID-Signature", signature.sign("acme", "POST", "/o", now)), this::reject));
        assertNull(resolver.resolve(request("GET", "/o", "X-Tenant-ID", "acme"), this::reject));
        assertNull(resolver.resolve(request("GET", "/o", "X-Tenant-ID", "acme",
                "X-Tenant-ID-Signature", signature.sign("acme", "POST", "/o", now)), this::reject));
        assertNull(resolver.resolve(request("GET", "/o", "X-Tenant-ID", "acme",
                "X-Tenant-ID-Signature", "v1;garbage"), this::reject));
        assertEquals("globex", resolver.resolve(request("GET", "/o", "X-Tenant-ID", "acme", "baggage", "tenant=globex"),
                this::reject), "the next source is tried");
        String because = " | tenant.from header X-Tenant-ID: http.signingKey is set and the tenant header came with ";
        assertEquals(List.of("acme" + because + "no signature",
                "acme" + because + "a signature that does not match the tenant, method and path",
                "acme" + because + "a malformed signature",
                "acme" + because + "no signature"), rejected);
    }

    private String resolve(List<TenantSource> from, InboundRequest request) {
        return new TenantResolver(from, Policy.DEFAULT_TENANT_PATTERN, "X-Tenant-ID", "X-Tenant-ID-Signature", null)
                .resolve(request, this::reject);
    }

    private void reject(String value, String reason) {
        rejected.add(value + " | " + reason);
    }

    private static TenantSource source(Kind kind, String argument) {
        return new TenantSource(kind, argument);
    }

    private static InboundRequest bearer(String payload) {
        Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
        return request("GET", "/", "Authorization", "Bearer " + encoder.encodeToString("{}".getBytes(StandardCharsets.UTF_8))
                + "." + encoder.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + ".sig");
    }

    private static InboundRequest request(String method, String path, String... headers) {
        Map<String, String> byName = new TreeMap<>();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            if (headers[i] != null) {
                byName.put(headers[i].toLowerCase(Locale.ROOT), headers[i + 1]);
            }
        }
        return new InboundRequest() {
            @Override
            public String header(String name) {
                return byName.get(name.toLowerCase(Locale.ROOT));
            }

            @Override
            public String host() {
                return header("Host");
            }

            @Override
            public String rawPath() {
                return path.indexOf('?') < 0 ? path : path.substring(0, path.indexOf('?'));
            }

            @Override
            public String rawQuery() {
                return path.indexOf('?') < 0 ? null : path.substring(path.indexOf('?') + 1);
            }

            @Override
            public String method() {
                return method;
            }

            @Override
            public String derivedTenant() {
                return null;
            }

            @Override
            public void rememberTenant(String tenant) {
            }
        };
    }
}
