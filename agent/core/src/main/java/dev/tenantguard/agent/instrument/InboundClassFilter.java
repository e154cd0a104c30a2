package dev.tenantguard.agent.instrument;

import java.lang.instrument.IllegalClassFormatException;
import java.nio.charset.StandardCharsets;
import java.security.ProtectionDomain;
import net.bytebuddy.agent.builder.ResettableClassFileTransformer;

/**
 * Hands the inbound transformer only the class files that can hold a request entry: the HttpServer
 * chain, and classes whose constant pool names {@code servlet/ServletRequest} (the parameter of
 * {@code service} and {@code doFilter}, jakarta or javax) or {@code servlet/AsyncContext}. Every
 * other class is passed over by a byte scan instead of being parsed to read its methods — the bulk
 * of a container's classes, and all of an application without servlets.
 */
final class InboundClassFilter extends ResettableClassFileTransformer.WithDelegation {
    private static final String CHAIN = InboundInstrumentation.FILTER_CHAIN.replace('.', '/');
    private static final byte[] REQUEST = "servlet/ServletRequest".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ASYNC_CONTEXT = "servlet/AsyncContext".getBytes(StandardCharsets.US_ASCII);

    InboundClassFilter(ResettableClassFileTransformer transformer) {
        super(transformer);
    }

    @Override
    public byte[] transform(ClassLoader loader, String name, Class<?> redefined, ProtectionDomain domain, byte[] bytes)
            throws IllegalClassFormatException {
        return mayHoldAnEntry(name, bytes) ? classFileTransformer.transform(loader, name, redefined, domain, bytes) : null;
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String name, Class<?> redefined, ProtectionDomain domain,
            byte[] bytes) throws IllegalClassFormatException {
        return mayHoldAnEntry(name, bytes)
                ? classFileTransformer.transform(module, loader, name, redefined, domain, bytes) : null;
    }

    static boolean mayHoldAnEntry(String name, byte[] bytes) {
        return CHAIN.equals(name) || bytes != null && (contains(bytes, REQUEST) || contains(bytes, ASYNC_CONTEXT));
    }

    private static boolean contains(byte[] bytes, byte[] part) {
        byte first = part[0];
        int last = bytes.length - part.length;
        for (int i = 0; i <= last; i++) {
            if (bytes[i] != first) {
                continue;
            }
            int j = 1;
            while (j < part.length && bytes[i + j] == part[j]) {
                j++;
            }
            if (j == part.length) {
                return true;
            }
        }
        return false;
    }
}
