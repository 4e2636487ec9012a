package dev.photovault.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy that hurts the connections it carries, for network-fault tests: each new connection draws one
 * {@link Fault} (seeded, so a failing run can be repeated) that strikes after a random number of bytes.
 * While faults are on, no connection carries more than {@code lifetime} bytes (it is then closed, as a NAT
 * or load balancer would), so that clients keep opening connections and meeting faults. Counts what it did, so a
 * test can show that faults were really injected.
 */
public final class FaultProxy implements AutoCloseable {

    /** What happens to one connection. */
    public enum Fault {
        /** Carried faithfully. */
        NONE,
        /** Each burst of bytes (a request, an answer) waits 20–120 ms first, either way. */
        LATENCY,
        /** After some bytes (either way), both sides get a TCP reset. */
        RESET,
        /** After some bytes, the client's side is half-closed (it reads EOF mid-answer); the socket stays open. */
        HALF_CLOSE,
        /** Bytes trickle at about 1 MiB/s either way. */
        SLOW_READ,
        /** After some bytes, nothing more is carried either way, and the connection is kept open forever. */
        STALL
    }


    private volatile long lifetime;
    private final ServerSocket server;
    private final InetSocketAddress target;
    private final Random random;
    private final Map<Fault, Integer> weights;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fault-proxy");
        t.setDaemon(true);
        return t;
    });
    private final Map<Fault, AtomicInteger> injected = new EnumMap<>(Fault.class);
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final List<Fault> deck = new java.util.ArrayList<>();
    private volatile boolean enabled = true;

    /**
     * @param targetPort where the real service listens on this host
     * @param seed       for the draws
     * @param weights    how often each fault is drawn, relative to the others (NONE included)
     * @param lifetime   bytes after which a connection is closed while faults are on (more than the largest
     *                   request that cannot be resumed, or it never gets through)
     */
    public FaultProxy(int targetPort, long seed, Map<Fault, Integer> weights, long lifetime) throws IOException {
        this.lifetime = lifetime;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.target = new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort);
        this.random = new Random(seed);
        this.weights = new EnumMap<>(weights);
        for (Fault f : Fault.values()) {
            injected.put(f, new AtomicInteger());
        }
        threads.execute(this::accept);
    }

    public int port() {
        return server.getLocalPort();
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String url() {
        return "http://127.0.0.1:" + port();
    }

    /** Sets how many bytes a connection carries before it is closed while faults are on (fewer: more faults). */
    public void lifetime(long bytes) {
        lifetime = bytes;
    }

    /** Turns faults off (new connections are carried faithfully) or on again. */
    public void enable(boolean on) {
        enabled = on;
    }

    /** How many connections got each fault so far. */
    public Map<Fault, Integer> injected() {
        Map<Fault, Integer> out = new EnumMap<>(Fault.class);
        injected.forEach((f, n) -> out.put(f, n.get()));
        return out;
    }

    /** Faults in a shuffled deck of the weights, dealt in turn, so that every kind comes within a few connections. */
    private synchronized Fault draw() {
        if (!enabled) {
            return Fault.NONE;
        }
        if (deck.isEmpty()) {
            weights.forEach((f, n) -> {
                for (int i = 0; i < n; i++) {
                    deck.add(f);
                }
            });
            java.util.Collections.shuffle(deck, random);
        }
        return deck.remove(deck.size() - 1);
    }

    private synchronized int strikeAfter() {
        return random.nextInt(64 * 1024);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket();
                upstream.connect(target, 5_000);
                open.add(client);
                open.add(upstream);
                Fault fault = draw();
                injected.get(fault).incrementAndGet();
                Link link = new Link(client, upstream, fault, strikeAfter());
                threads.execute(() -> pump(link, upstream, client));
                threads.execute(() -> pump(link, client, upstream));
            } catch (IOException e) {
                // closed, or the target refused: the client sees its connection drop
            }
        }
    }

    /** One proxied connection: its fault strikes once {@code after} bytes have passed in either direction. */
    private static final class Link {
        final Socket client;
        final Socket upstream;
        final Fault fault;
        final long after;
        final java.util.concurrent.atomic.AtomicLong carried = new java.util.concurrent.atomic.AtomicLong();

        Link(Socket client, Socket upstream, Fault fault, long after) {
            this.client = client;
            this.upstream = upstream;
            this.fault = fault;
            this.after = after;
        }

        boolean strikes() {
            return fault == Fault.RESET || fault == Fault.HALF_CLOSE || fault == Fault.STALL;
        }
    }

    /** Copies one direction of a link. */
    private void pump(Link link, Socket from, Socket to) {
        byte[] buffer = new byte[8192];
        long last = 0;
        try (InputStream in = from.getInputStream()) {
            OutputStream out = to.getOutputStream();
            while (true) {
                long carried = link.carried.get();
                if (link.strikes() && carried >= link.after) {
                    strike(link);
                    return;
                }
                int max = link.fault == Fault.SLOW_READ ? 2048 : buffer.length;
                if (link.strikes()) {
                    max = (int) Math.max(1, Math.min(max, link.after - carried));
                }
                int n = in.read(buffer, 0, max);
                if (n < 0) {
                    to.shutdownOutput();
                    return;
                }
                if (enabled && link.carried.get() > lifetime) {
                    closeQuietly(link.client);
                    closeQuietly(link.upstream);
                    return;
                }
                long now = System.nanoTime();
                if (link.fault == Fault.LATENCY && now - last > 10_000_000L) {
                    Thread.sleep(20 + (carried % 100)); // a round trip before each new burst (request or answer)
                } else if (link.fault == Fault.SLOW_READ) {
                    Thread.sleep(2);
                }
                out.write(buffer, 0, n);
                out.flush();
                link.carried.addAndGet(n);
                last = System.nanoTime();
            }
        } catch (IOException | InterruptedException e) {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private void strike(Link link) throws IOException, InterruptedException {
        switch (link.fault) {
            case RESET -> {
                link.client.setSoLinger(true, 0);
                link.upstream.setSoLinger(true, 0);
                link.client.close();
                link.upstream.close();
            }
            case HALF_CLOSE -> link.client.shutdownOutput();
            case STALL -> {
                while (!server.isClosed()) {
                    Thread.sleep(1000); // neither closed nor answered
                }
            }
            default -> throw new IllegalStateException(link.fault.toString());
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already gone
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : open) {
            closeQuietly(s);
        }
        threads.shutdownNow();
    }
}
