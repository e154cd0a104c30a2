package com.example.notes;

import java.net.URI;
import java.nio.file.Path;

/**
 * Runs the notes service until the JVM is stopped.
 *
 * <pre>
 * java -jar notes-service.jar --billing http://127.0.0.1:18089 [--data target/data] [--port 0] [--port-file FILE]
 * </pre>
 */
public final class NotesServiceMain {
    private NotesServiceMain() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of("data");
        int port = 8080;
        URI billing = null;
        Path portFile = null;
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                usage("option " + args[i] + " needs a value");
            }
            String value = args[i + 1];
            switch (args[i]) {
                case "--data" -> data = Path.of(value);
                case "--port" -> port = Integer.parseInt(value);
                case "--billing" -> billing = URI.create(value);
                case "--port-file" -> portFile = Path.of(value);
                default -> usage("unknown option " + args[i]);
            }
        }
        if (billing == null) {
            usage("--billing is required");
        }
        NotesService service = NotesService.start(data, port, billing);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                service.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "notes-shutdown"));
        System.out.println("notes-service listening on http://127.0.0.1:" + service.port() + " (data " + data
                + ", billing " + billing + ", instance " + service.instance() + ")");
        if (portFile != null) {
            PortFile.write(portFile, service.port());
        }
    }

    private static void usage(String problem) {
        System.err.println("notes-service: " + problem);
        System.err.println("usage: java -jar notes-service.jar --billing URL [--data DIR] [--port N] [--port-file FILE]");
        System.exit(2);
    }
}
