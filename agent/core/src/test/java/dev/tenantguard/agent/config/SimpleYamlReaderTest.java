package dev.tenantguard.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link SimpleYamlReader} against SnakeYAML: for every text it reads, the tree — kinds, texts,
 * nulls and lines — is the one SnakeYAML's composer gives, and SnakeYAML reads the text without an
 * error. Held on the policies of this repository and of its documentation (which the simple reader
 * must read itself, or it saves nothing), and on texts generated from fragments chosen to break it.
 */
class SimpleYamlReaderTest {
    private static final Path ROOT = Path.of("../..");

    private static void readsAsSnakeYaml(String text) {
        YamlNode simple = SimpleYamlReader.read(text);
        if (simple == SimpleYamlReader.UNSUPPORTED) {
            return;
        }
        YamlNode snake;
        try {
            snake = SnakeYamlTree.read(text, "policy.yaml");
        } catch (PolicyException e) {
            fail("the simple reader read a text SnakeYAML refuses (" + e.getMessage() + "):\n" + text);
            return;
        }
        assertEquals(String.valueOf(snake), String.valueOf(simple), "read otherwise than SnakeYAML:\n" + text);
    }

    /** Every policy file of the repository and every {@code yaml} block of its documentation. */
    private static List<String> repositoryPolicies() throws IOException {
        List<String> texts = new ArrayList<>();
        for (String file : new String[] {"test-apps/file-store/tenant-guard.yaml", "test-apps/notes-service/tenant-guard.yaml",
                "test-apps/spring-orders/tenant-guard.yaml", "agent/junit/src/test/sample-policies/enforce/tenant-guard-test.yaml",
                "agent/junit/src/test/sample-policies/named/tenant-guard-named.yaml",
                "agent/junit/src/test/sample-policies/report/tenant-guard-test.yaml"}) {
            texts.add(Files.readString(ROOT.resolve(file)));
        }
        List<Path> docs = new ArrayList<>();
        docs.add(ROOT.resolve("README.md"));
        try (Stream<Path> files = Files.list(ROOT.resolve("docs"))) {
            files.filter(p -> p.toString().endsWith(".md")).sorted().forEach(docs::add);
        }
        for (Path doc : docs) {
            String[] parts = Files.readString(doc).split("```");
            for (int i = 1; i < parts.length; i += 2) {
                if (parts[i].startsWith("yaml\n")) {
                    texts.add(parts[i].substring("yaml\n".length()));
                }
            }
        }
        return texts;
    }

    @Test
    void readsEveryPolicyOfTheRepositoryAndItsDocumentationAsSnakeYamlDoes() throws IOException {
        List<String> policies = repositoryPolicies();
        assertTrue(policies.size() >= 15, "found " + policies.size() + " policies");
        int read = 0;
        for (String policy : policies) {
            if (!policy.contains("\n---")) { // a manifest of several documents is no policy
                SnakeYamlTree.read(policy, "an example of the documentation"); // a policy a user copies must be YAML
            }
            readsAsSnakeYaml(policy);
            read += SimpleYamlReader.read(policy) != SimpleYamlReader.UNSUPPORTED ? 1 : 0;
        }
        // the documentation shows a few YAML features on purpose (anchors, block scalars): those go to SnakeYAML
        assertTrue(read >= policies.size() * 9 / 10, "the simple reader read " + read + " of " + policies.size());
        for (int i = 0; i < 3; i++) {
            assertNotSame(SimpleYamlReader.UNSUPPORTED, SimpleYamlReader.read(policies.get(i)),
                    "a demo's policy is read by SnakeYAML:\n" + policies.get(i));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "mode: enforce\nfiles:\n  rules:\n    - \"/data/{tenant}/**\"\n",
            "mode: enforce # comment\nfiles:\n  rules:\n  - a/{tenant}/**\n  metadata: true\n",
            "jdbc:\n  tables: [notes, 'attach''ments', \"x y\"]   # trailing\n  column: tenant_id\n",
            "tenant:\n  from: [header, {path: \"/t/{tenant}/**\"}]\n",
            "inbound:\n  from:\n    - header\n    - {path: /t/x}\n    - {jwt: }\n",
            "mode:\nfiles:\n\n  # only a comment\n",
            "  mode: report\n  noTenant: ~\n",
            "a: null\nb: Null\nc: NULL\nd: \"null\"\ne: 'null'\nf: nulls\ng: ~x\n",
            "a: x#y\nb: x #y\nc: 'x #y'\nd: \"a: b\"\ne: http://h:8080/p\nf: a :b\n",
            "a: []\nb: {}\nc: [ ]\nd: { }\n",
            "null: x\n",
            "a:\n  b:\n    c:\n      - d\n  e: f\n",
    })
    void readsCommonShapesAsSnakeYamlDoes(String text) {
        assertNotSame(SimpleYamlReader.UNSUPPORTED, SimpleYamlReader.read(text), text);
        readsAsSnakeYaml(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "mode: &m enforce\nx: *m\n", "a: !!str 1\n", "a: |\n  x\n", "a: >\n  x\n", "--- \nmode: x\n",
            "mode: enforce\n...\n", "%YAML 1.2\n---\nmode: x\n", "a: \"x\\ty\"\n", "a: 'x\n  y'\n",
            "a: [x,\n  y]\n", "a:\tb\n", "a: b\r\n", "\uFEFFa: b\n", "? a\n: b\n", "\"a\": b\n", "a b: c\n",
            "a: b\n  c\n", "a:\n  b\n", "a:\n  - b\n    c\n", "a: - b\n", "- a\n- - b\n", "a: b: c\n",
            "a: b:\n", "a: [b: c]\n", "a: [b, [c]]\n", "a: {b: [c]}\n", "a: [x]#c\n", "a: \"x\" y\n",
            "a:\n    b: 1\n  c: 2\n", "a: 1\n b: 2\n", "-a: b\n", "---: b\n", "...: b\n", "a: @b\n", "a: `b\n",
            "a: %b\n", "a: *b\n", "a: ,b\n", "a: ]b\n", "a: }b\n", "a: [a, , b]\n", "a: [a,]\n",
            "a:\n- b\n  - c\n", "- a: b\n", "a\n", "x: \"unterminated\n",
    })
    void leavesOtherYamlToSnakeYaml(String text) {
        assertSame(SimpleYamlReader.UNSUPPORTED, SimpleYamlReader.read(text), text);
    }

    @Test
    void anEmptyDocumentIsNull() {
        assertNull(SimpleYamlReader.read(""));
        assertNull(SimpleYamlReader.read("# only a comment\n\n   \n"));
    }

    private static final String[] KEYS = {"mode", "files", "rules", "jdbc", "tables", "column", "http", "tenant",
            "from", "x", "null", "a.b", "a-b", "_k", "on", "1"};
    private static final String[] VALUES = {"", " ", "enforce", "~", "null", "Null", "NULL", "nulls", "'null'",
            "\"null\"", "a b", "a  b  ", "x#y", "x #y", "'x #y'", "\"x #y\"", "a: b", "a:b", "a :b", "a:", "http://h:1/p",
            "\"/t/{tenant}/**\"", "/t/{tenant}/**", "{tenant}", "'it''s'", "''", "\"\"", "'", "\"", "[]", "[a]",
            "[a, b]", "[ a , 'b' ]", "[a, [b]]", "[a b]", "[a,b]", "{}", "{a: b}", "{a: }", "{a: b, c: 'd'}",
            "{a b}", "{a:b}", "[a: b]", "- a", "-1", "-a", "&x a", "*x", "!t a", "|", ">", "%a", "@a", "`a",
            "?a", "? a", ",a", "true", "1", "0x1F", "a\\b", "\"a\\b\"", "é", "[é]", "# c", "a # c", "[a] # c",
            "{a: b} #c", "[a]#c", "\"a\"b", "'a'b"};

    /** A random text of policy-like lines: keys, values, items, comments, blank lines, varied indents. */
    private static String generate(Random random) {
        StringBuilder text = new StringBuilder();
        int lines = 1 + random.nextInt(8);
        for (int i = 0; i < lines; i++) {
            int indent = random.nextInt(4) == 0 ? random.nextInt(7) : 2 * random.nextInt(3);
            text.append(" ".repeat(indent));
            switch (random.nextInt(6)) {
                case 0, 1, 2 -> text.append(KEYS[random.nextInt(KEYS.length)]).append(':')
                        .append(random.nextInt(5) == 0 ? "" : " " + VALUES[random.nextInt(VALUES.length)]);
                case 3 -> text.append("- ").append(VALUES[random.nextInt(VALUES.length)]);
                case 4 -> text.append(random.nextBoolean() ? "# comment: x" : "");
                default -> text.append(KEYS[random.nextInt(KEYS.length)]).append(':');
            }
            text.append(random.nextInt(6) == 0 ? "  " : "").append('\n');
        }
        return text.toString();
    }

    @Test
    void generatedTextsAreReadAsSnakeYamlReadsThemOrLeftToIt() {
        Random random = new Random(1207L);
        int read = 0;
        int cases = 6_000;
        for (int i = 0; i < cases; i++) {
            String text = generate(random);
            readsAsSnakeYaml(text);
            read += SimpleYamlReader.read(text) != SimpleYamlReader.UNSUPPORTED ? 1 : 0;
        }
        assertTrue(read > cases / 10, "only " + read + " of " + cases + " generated texts were read: the test compares too little");
    }

    /**
     * Every prefix of every policy of the repository: texts cut inside a flow collection, a quoted
     * scalar, a key or a comment. The reader bound-checks each read (no exception is its answer);
     * what it reads is what SnakeYAML reads.
     */
    @Test
    void everyPrefixOfARepositoryPolicyIsReadAsSnakeYamlDoesOrLeftToIt() throws IOException {
        int prefixes = 0;
        for (String policy : repositoryPolicies()) {
            for (int end = 0; end <= policy.length(); end++) {
                readsAsSnakeYaml(policy.substring(0, end));
                prefixes++;
            }
        }
        assertTrue(prefixes > 1_000, "only " + prefixes + " prefixes");
    }
}
