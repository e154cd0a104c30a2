package dev.tenantguard.bench;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.SocketFactory;

/**
 * A socket factory for the PostgreSQL driver ({@code socketFactory=} connection property) whose
 * sockets note the OpenTelemetry span current on each write: the span the driver's call runs in.
 * Used on a check connection only, never on a measured one.
 */
public final class SpanProbeSocketFactory extends SocketFactory {
    private static volatile String spanIdOnLastWrite = "";

    static void reset() {
        spanIdOnLastWrite = "";
    }

    static String spanIdOnLastWrite() {
        return spanIdOnLastWrite;
    }

    @Override
    public Socket createSocket() {
        return new Socket() {
            @Override
            public OutputStream getOutputStream() throws IOException {
                return new FilterOutputStream(super.getOutputStream()) {
                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        spanIdOnLastWrite = OtelProbe.currentSpanId();
                        out.write(b, off, len);
                    }
                };
            }
        };
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        Socket socket = createSocket();
        socket.connect(new java.net.InetSocketAddress(host, port));
        return socket;
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return createSocket(host, port);
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        Socket socket = createSocket();
        socket.connect(new java.net.InetSocketAddress(host, port));
        return socket;
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        return createSocket(address, port);
    }
}
