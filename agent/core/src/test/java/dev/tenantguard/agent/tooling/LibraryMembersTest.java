package dev.tenantguard.agent.tooling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tenantguard.agent.http.library.LibraryRequest;
import dev.tenantguard.agent.redis.library.RedisCommandAccess;
import dev.tenantguard.internal.HttpHooks;
import dev.tenantguard.internal.RedisHooks;
import org.junit.jupiter.api.Test;

/**
 * What the adapters read, checked against the libraries the agent is tested with (no false alarm on
 * a version the agent knows), and what is found missing, named as the sentence names it.
 */
class LibraryMembersTest {
    private final ClassLoader libraries = getClass().getClassLoader();

    @Test
    void theHttpAdaptersFindEveryMemberTheyReadInTheLibrariesTheyAreTestedWith() {
        assertNull(LibraryRequest.reads(HttpHooks.APACHE5).firstMissingIn(libraries), "Apache HttpClient 5");
        assertNull(LibraryRequest.reads(HttpHooks.APACHE4).firstMissingIn(libraries), "Apache HttpClient 4");
        assertNull(LibraryRequest.reads(HttpHooks.OKHTTP).firstMissingIn(libraries), "OkHttp");
    }

    @Test
    void theRedisAdaptersFindEveryMemberTheyReadInTheClientsTheyAreTestedWith() {
        assertNull(RedisCommandAccess.reads(RedisHooks.LETTUCE).firstMissingIn(libraries), "Lettuce");
        assertNull(RedisCommandAccess.reads(RedisHooks.JEDIS).firstMissingIn(libraries), "Jedis");
    }

    @Test
    void aMethodOfAnotherNameReturnTypeOrParametersIsMissingAndNamed() {
        assertEquals("okhttp3.Request.uri() returning java.net.URI", LibraryMembers.none()
                .method("okhttp3.Request", "url", "okhttp3.HttpUrl")
                .method("okhttp3.Request", "uri", "java.net.URI").firstMissingIn(libraries));
        assertEquals("okhttp3.Request.url() returning java.lang.String", LibraryMembers.none()
                .method("okhttp3.Request", "url", "java.lang.String").firstMissingIn(libraries));
        assertEquals("okhttp3.Request.header(java.lang.Object) returning java.lang.String", LibraryMembers.none()
                .method("okhttp3.Request", "header", "java.lang.String", "java.lang.Object").firstMissingIn(libraries));
    }

    @Test
    void anInheritedMethodIsFoundAndAMissingTypeIsMissing() {
        // getHeaders(String) is declared by org.apache.http.HttpMessage, an interface of the request's class
        assertNull(LibraryMembers.none().method("org.apache.http.client.methods.HttpGet", "getHeaders",
                "org.apache.http.Header[]", "java.lang.String").firstMissingIn(libraries));
        assertEquals("okhttp3.NoSuchType.url() returning okhttp3.HttpUrl", LibraryMembers.none()
                .method("okhttp3.NoSuchType", "url", "okhttp3.HttpUrl").firstMissingIn(libraries));
    }

    @Test
    void aLoaderThatServesNoClassFilesIsToldApart() {
        assertTrue(MemberCheck.servesClassFile(libraries, "okhttp3.Request"));
        ClassLoader noResources = new ClassLoader(null) {
        };
        assertFalse(MemberCheck.servesClassFile(noResources, "okhttp3.Request"));
    }

    @Test
    void fieldsAreFoundInSuperclassesAtAnyVisibilityAndConstructorsByParameters() {
        // KeyArgument's codec is its own field; singularArguments is package-private
        assertNull(LibraryMembers.none().field("io.lettuce.core.protocol.CommandArgs", "singularArguments")
                .constructor("com.rabbitmq.client.AMQP$BasicProperties$Builder").firstMissingIn(libraries));
        assertEquals("field redis.clients.jedis.CommandArguments.argv", LibraryMembers.none()
                .field("redis.clients.jedis.CommandArguments", "argv").firstMissingIn(libraries));
        assertEquals("constructor com.rabbitmq.client.Envelope(java.lang.String)", LibraryMembers.none()
                .constructor("com.rabbitmq.client.Envelope", "java.lang.String").firstMissingIn(libraries));
    }
}
