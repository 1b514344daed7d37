package dev.floe.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback HTTP/1.1 proxy that forwards requests to a server but, for the first few, throws the
 * server's answer away and cuts the client's connection: the request took effect, the client never
 * learns it. This is the network failure that makes retries dangerous without idempotence.
 */
public final class ResponseDroppingProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final int targetPort;
    private final AtomicInteger responsesToDrop;
    private final AtomicInteger forwarded = new AtomicInteger();

    public ResponseDroppingProxy(int targetPort, int responsesToDrop) throws IOException {
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.targetPort = targetPort;
        this.responsesToDrop = new AtomicInteger(responsesToDrop);
        Thread.ofVirtual().start(this::acceptLoop);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + listener.getLocalPort();
    }

    /** How many requests reached the server through the proxy. */
    public int forwarded() {
        return forwarded.get();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Thread.ofVirtual().start(() -> serve(client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client; Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort)) {
            InputStream fromClient = new BufferedInputStream(client.getInputStream());
            InputStream fromServer = new BufferedInputStream(server.getInputStream());
            while (true) {
                byte[] request = readMessage(fromClient);
                if (request == null) {
                    return;
                }
                server.getOutputStream().write(request);
                server.getOutputStream().flush();
                forwarded.incrementAndGet();
                byte[] response = readMessage(fromServer);
                if (response == null) {
                    return;
                }
                if (responsesToDrop.getAndDecrement() > 0) {
                    return;
                }
                OutputStream toClient = client.getOutputStream();
                toClient.write(response);
                toClient.flush();
            }
        } catch (IOException e) {
            // One side went away; the connection ends.
        }
    }

    /** Reads one HTTP message (head and a Content-Length body), or null at the end of the stream. */
    private static byte[] readMessage(InputStream in) throws IOException {
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        int matched = 0;
        int b;
        while (matched < 4) {
            b = in.read();
            if (b < 0) {
                return null;
            }
            message.write(b);
            matched = (b == '\r' || b == '\n') && "\r\n\r\n".charAt(matched) == b ? matched + 1
                    : (b == '\r' ? 1 : 0);
        }
        long length = 0;
        for (String line : message.toString(StandardCharsets.ISO_8859_1).split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Long.parseLong(line.substring(15).trim());
            }
        }
        message.write(in.readNBytes((int) length));
        return message.toByteArray();
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
