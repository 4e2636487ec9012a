package dev.photovault.emulator;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A test-only HTTPS proxy that answers CONNECT, terminates TLS with a certificate for Google's host names
 * (signed by a throw-away test CA the client is told to trust) and forwards the plain HTTP to the emulator.
 * This is how an unmodified third-party client, which hard-codes Google's HTTPS hosts, reaches the emulator.
 */
final class InterceptingProxy implements AutoCloseable {

    private final ServerSocket server;
    private final SSLContext tls;
    private final int emulatorPort;

    InterceptingProxy(Path keystore, char[] password, int emulatorPort) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = java.nio.file.Files.newInputStream(keystore)) {
            ks.load(in, password);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, password);
        tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);
        this.emulatorPort = emulatorPort;
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(this::acceptLoop, "intercepting-proxy");
        accept.setDaemon(true);
        accept.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Thread t = new Thread(() -> serve(client), "intercepting-proxy-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            InputStream in = new BufferedInputStream(client.getInputStream());
            String head = readHead(in);
            if (!head.startsWith("CONNECT ")) {
                client.getOutputStream().write("HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n"
                        .getBytes(StandardCharsets.ISO_8859_1));
                return;
            }
            client.getOutputStream().write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            client.getOutputStream().flush();
            SSLSocket secure = (SSLSocket) tls.getSocketFactory().createSocket(client, in, true);
            secure.setUseClientMode(false);
            secure.startHandshake();
            try (secure; Socket upstream = new Socket(InetAddress.getLoopbackAddress(), emulatorPort)) {
                Thread back = new Thread(() -> pipe(upstream, secure), "intercepting-proxy-back");
                back.setDaemon(true);
                back.start();
                pipe(secure, upstream);
                back.join(10_000);
            }
        } catch (Exception e) {
            // a client that went away; nothing to clean up beyond the sockets
        }
    }

    private static void pipe(Socket from, Socket to) {
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            byte[] buf = new byte[64 * 1024];
            for (int r; (r = in.read(buf)) >= 0; ) {
                out.write(buf, 0, r);
                out.flush();
            }
            to.shutdownOutput();
        } catch (IOException | UnsupportedOperationException e) {
            // one side closed
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int state = 0;
        for (int b; (b = in.read()) >= 0; ) {
            head.write(b);
            state = (b == '\r' || b == '\n') ? state + 1 : 0;
            if (state == 4) {
                break;
            }
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
