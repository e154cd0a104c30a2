package dev.tenantguard.agent.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** URLs as the http rules see them: every spelling of the same request is one normalized URL. */
class UrlNormalizerTest {

    /** The normalized URL, {@code !} + masked text when unparseable, or {@code -} for null. */
    private static String normalized(String url) {
        UrlNormalizer.Normalized n = UrlNormalizer.normalize(url);
        if (n == null) {
            return "-";
        }
        return n.isUnparseable() ? "!" + n : n.toString();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            // scheme and host case, trailing dots, default ports
            "HTTPS://Globex.API.Example.COM/Orders,             https://globex.api.example.com/Orders",
            "https://globex.api.example.com./x,                 https://globex.api.example.com/x",
            "https://globex.api.example.com.../x,               https://globex.api.example.com/x",
            "https://x.example.com:443/a,                       https://x.example.com/a",
            "http://x.example.com:80/a,                         http://x.example.com/a",
            "https://x.example.com:80/a,                        https://x.example.com:80/a",
            "http://x.example.com:443/a,                        http://x.example.com:443/a",
            "https://x.example.com:8443/a,                      https://x.example.com:8443/a",
            "https://x.example.com:/a,                          https://x.example.com/a",
            "https://x.example.com:00443/a,                     https://x.example.com/a",
            // no path, query, fragment, user-info
            "https://x.example.com,                             https://x.example.com/",
            "https://x.example.com?q=1,                         https://x.example.com/",
            "https://x.example.com/a?tenant=globex#frag,        https://x.example.com/a",
            "https://u:p@x.example.com/a,                       https://x.example.com/a",
            "https://a.example.com@x.example.com/a,             https://x.example.com/a",
            "https://x.example.com/a@b.example.com,             https://x.example.com/a@b.example.com",
            // hosts URI leaves to us: underscores, escapes, non-ASCII
            "http://billing_svc:8080/a,                         http://billing_svc:8080/a",
            "http://BILLING_SVC/a,                              http://billing_svc/a",
            "https://%67lobex.example.com/a,                    https://globex.example.com/a",
            "https://%47LOBEX.example.com/a,                    https://globex.example.com/a",
            "https://globex%2eexample.com/a,                    https://globex.example.com/a",
            "https://ｇｌｏｂｅｘ.example.com/a,                  https://globex.example.com/a",
            "https://globex。example.com/a,                     https://globex.example.com/a",
            "https://%EF%BD%87lobex.example.com/a,              https://globex.example.com/a",
            "https://bücher.example.com/a,                      https://xn--bcher-kva.example.com/a",
            "https://[::1]:8443/a,                              https://[::1]:8443/a",
            "https://[FE80::1]/a,                               https://[fe80::1]/a",
            "http://10.0.0.5:8080/a,                            http://10.0.0.5:8080/a",
            // dot segments, empty segments, trailing separators
            "http://x/a/b/../c,                                 http://x/a/c",
            "http://x/a/./b/,                                   http://x/a/b",
            "http://x/../../a,                                  http://x/a",
            "http://x/a/..,                                     http://x/",
            "http://x//a///b,                                   http://x/a/b",
            // encoded dots, slashes, backslashes, double encoding
            "http://x/a/%2e%2E/b,                               http://x/b",
            "http://x/a/.%2e/b,                                 http://x/b",
            "http://x/a/%2e/b,                                  http://x/a/b",
            "http://x/t/acme%2F..%2Fglobex,                     http://x/t/globex",
            "http://x/t/acme%2f..%2fglobex,                     http://x/t/globex",
            "http://x/t/acme%5C..%5Cglobex,                     http://x/t/globex",
            "http://x/t/acme\\..\\globex,                       http://x/t/globex",
            "http://x/t/acme/%252e%252e/globex,                 http://x/t/globex",
            "http://x/t/acme%252F..%252Fglobex,                 http://x/t/globex",
            "http://x/t/acme/%25252e%25252e/globex,             http://x/t/globex",
            // unreserved escapes decoded, others kept upper-case, stray % encoded
            "http://x/%61%63%6D%65/%7e,                         http://x/acme/~",
            "http://x/a%3ab/c%3F,                               http://x/a%3Ab/c%3F",
            "http://x/100%25,                                   http://x/100%25",
            "http://x/100%,                                     http://x/100%25",
            "http://x/a%zz,                                     http://x/a%25zz",
            // path parameters
            "http://x/t/acme;jsessionid=1/x,                    http://x/t/acme/x",
            "http://x/t/acme/..;/globex,                        http://x/t/globex",
            "http://x/t/;x/globex,                              http://x/t/globex",
            // characters URI rejects but URL accepts, in the path
            "http://x/a b/c,                                    http://x/a%20b/c",
            "http://x/a|b<c>d^e`f{g}h[i]j,                      http://x/a%7Cb%3Cc%3Ed%5Ee%60f%7Bg%7Dh%5Bi%5Dj",
            "http://x/a\"b,                                     http://x/a%22b",
            "'  https://x.example.com/a  ',                     https://x.example.com/a",
            // unparseable: fail closed
            "http:///a,                                         !http:///a",
            "http:x.example.com/a,                              !http:x.example.com/a",
            "http://a@b@x.example.com/,                         !http://a@b@x.example.com/",
            "http://a.example.com\\@x.example.com/,             !http://a.example.com\\@x.example.com/",
            "http://x.example.com:99999/,                       !http://x.example.com:99999/",
            "http://x.example.com:8o/,                          !http://x.example.com:8o/",
            "http://x..example.com/,                            !http://x..example.com/",
            "http://x y.example.com/,                           !http://x y.example.com/",
            "http://%zz.example.com/,                           !http://%zz.example.com/",
            "http://%FF.example.com/,                           !http://%FF.example.com/",
            "http://x%2Fy.example.com/,                         !http://x%2Fy.example.com/",
            "http://%2561cme.example.com/,                      !http://%2561cme.example.com/",
            "http://u:hunter2@a@x.example.com/,                 !http://u:***@x.example.com/",
            // not absolute http(s): no rule applies
            "ftp://x.example.com/a,                             -",
            "file:///etc/passwd,                                -",
            "/relative/path,                                    -",
            "x.example.com/a,                                   -",
            "'',                                                -",
    })
    void normalizes(String url, String expected) {
        assertEquals(expected, normalized(url));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"http://x/a\tb", "http://x/a\nb", "http://x\r\n/a", "http://x/a\u007fb", "http://x/a\u0000"})
    void controlCharactersAreUnparseable(String url) {
        assertTrue(UrlNormalizer.normalize(url).isUnparseable());
    }

    @ParameterizedTest(name = "{0} -> {1} | {2}")
    @CsvSource({
            // raw path,                  primary reading,    literal reading
            "/a/b,                        /a/b,               /a/b",
            "/a/../b,                     /b,                 /b",
            "/t/acme/%2e%2e/globex,       /t/globex,          /t/acme/../globex",
            "/t/acme/..;/globex,          /t/globex,          /t/acme/..;/globex",
            "/t/acme/.;x/globex,          /t/acme/globex,     /t/acme/.;x/globex",
            "/t/acme%2F..%2Fglobex,       /t/globex,          /t/acme%2F..%2Fglobex",
            "/t/acme%2f..%2fglobex,       /t/globex,          /t/acme%2F..%2Fglobex",
            "/t/acme%5c..%5cglobex,       /t/globex,          /t/acme%5C..%5Cglobex",
            "/t/acme/%252e%252e/globex,   /t/globex,          /t/acme/%252e%252e/globex",
            "/t/acme;v=1/x,               /t/acme/x,          /t/acme/x",
            "/t/%61cme/x,                 /t/acme/x,          /t/acme/x",
            "/t//acme/,                   /t/acme,            /t/acme",
            "/,                           /,                  /",
    })
    void twoReadingsOfThePath(String raw, String primary, String literal) {
        assertEquals(primary, UrlNormalizer.primaryPath(raw));
        assertEquals(literal, UrlNormalizer.literalPath(raw));
    }

    @Test
    void agreeingReadingsAreOneInstance() {
        UrlNormalizer.Normalized n = UrlNormalizer.normalize("http://x/t/%61cme/x");

        assertSame(n.path(), n.literalPath());
    }

    @Test
    void disagreeingReadingsAreBothKept() {
        UrlNormalizer.Normalized n = UrlNormalizer.normalize("http://x/t/acme%2F..%2Fglobex");

        assertEquals("/t/globex", n.path());
        assertEquals("/t/acme%2F..%2Fglobex", n.literalPath());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/a", "/a/b/c.json", "/v1/tenants/acme/invoices", "/a/.well-known/x", "/a/b..c"})
    void aPlainPathIsTheSameInstanceInBothReadings(String literal) {
        String raw = new String(literal);
        UrlNormalizer.Normalized n = UrlNormalizer.normalize(URI.create("https://globex.example.com" + raw));

        assertSame(n.path(), n.literalPath());
        assertSame(raw, UrlNormalizer.primaryPath(raw));
        assertSame(raw, UrlNormalizer.literalPath(raw));
    }

    @Test
    void aNormalHostIsTheSameInstance() {
        String host = new String("globex.api.example.com");

        assertSame(host, UrlNormalizer.normalizeHost(host));
    }

    @Test
    void partsOfANormalizedUrl() {
        UrlNormalizer.Normalized n = UrlNormalizer.normalize(URI.create("HTTPS://U:P@Globex.Example.COM.:8443/a/../b?q#f"));

        assertFalse(n.isUnparseable());
        assertEquals("https", n.scheme());
        assertEquals("globex.example.com", n.host());
        assertEquals(8443, n.port());
        assertEquals("/b", n.path());
        assertEquals("https://globex.example.com:8443/b", n.toString());
    }

    @Test
    void uriInputsThatAreNotAbsoluteHttpNormalizeToNull() {
        assertNull(UrlNormalizer.normalize((URI) null));
        assertNull(UrlNormalizer.normalize((String) null));
        assertNull(UrlNormalizer.normalize(URI.create("/a/b")));
        assertNull(UrlNormalizer.normalize(URI.create("mailto:x@example.com")));
        assertTrue(UrlNormalizer.normalize(URI.create("http:opaque")).isUnparseable());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "http://x/a,                      http://x/a",
            "http://u@x/a,                    http://u@x/a",
            "http://u:secret@x/a,             http://u:***@x/a",
            "http://u:s@cr@et@x/a,            http://u:***@x/a",
            "http://x/a:b@c,                  http://x/a:b@c",
            "no-authority,                    no-authority",
    })
    void passwordsAreMaskedInUnparseableText(String raw, String masked) {
        assertEquals(masked, UrlNormalizer.maskPassword(raw));
    }
}
