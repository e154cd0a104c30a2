package com.example.probe.inbound;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Sends the steps of an inbound test over a plain socket (so that the Host header is exactly what
 * the step says) and prints {@code STEP i <status> <body>}. A step is
 * {@code METHOD|path|Name=Value~Name2=Value2}.
 */
public final class RawHttpClient {
    private RawHttpClient() {
    }

    public static void run(int port, String[] steps) throws IOException {
        for (int i = 0; i < steps.length; i++) {
            String[] step = steps[i].split("\\|", -1);
            System.out.println("STEP " + i + " " + send(port, step[0], step[1], step.length > 2 ? step[2] : "",
                    step.length > 3 ? step[3] : ""));
        }
    }

    /** {@code form}: a form body ({@code application/x-www-form-urlencoded}), or empty for none. */
    private static String send(int port, String method, String path, String headers, String form) throws IOException {
        StringBuilder request = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
        boolean host = false;
        for (String header : headers.isEmpty() ? new String[0] : headers.split("~")) {
            int eq = header.indexOf('=');
            String name = header.substring(0, eq);
            host |= name.equalsIgnoreCase("Host");
            request.append(name).append(": ").append(header.substring(eq + 1)).append("\r\n");
        }
        if (!host) {
            request.append("Host: 127.0.0.1:").append(port).append("\r\n");
        }
        if (!form.isEmpty()) {
            request.append("Content-Type: application/x-www-form-urlencoded\r\n");
        }
        request.append("Connection: close\r\nContent-Length: ").append(form.length()).append("\r\n\r\n").append(form);
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            in.transferTo(response);
            String text = response.toString(StandardCharsets.UTF_8);
            String status = text.length() > 12 ? text.substring(9, 12) : "???";
            int bodyStart = text.indexOf("\r\n\r\n");
            String body = bodyStart < 0 ? "" : text.substring(bodyStart + 4);
            return status + " " + dechunk(text, body).trim().replace("\r", "").replace("\n", " ");
        }
    }

    /** The body of a chunked response without its chunk sizes. */
    private static String dechunk(String response, String body) {
        if (!response.toLowerCase().contains("transfer-encoding: chunked")) {
            return body;
        }
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (at < body.length()) {
            int lineEnd = body.indexOf("\r\n", at);
            if (lineEnd < 0) {
                break;
            }
            int size = Integer.parseInt(body.substring(at, lineEnd).trim().split(";")[0], 16);
            if (size == 0) {
                break;
            }
            out.append(body, lineEnd + 2, Math.min(body.length(), lineEnd + 2 + size));
            at = lineEnd + 2 + size + 2;
        }
        return out.toString();
    }
}
