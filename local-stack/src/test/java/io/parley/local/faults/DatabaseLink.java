package io.parley.local.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The network between the services and their database, as a TCP hop on a fixed local port that forwards bytes both
 * ways: {@link #cut()} makes the database look gone (new connections refused, open ones reset), {@link #restore()}
 * listens on the same port again. (Toxiproxy would do this but needs its own server binary; this needs nothing.)
 */
final class DatabaseLink implements AutoCloseable {

    private final String targetHost;
    private final int targetPort;
    private final int port;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final ExecutorService pumps = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "database-link");
        thread.setDaemon(true);
        return thread;
    });
    private ServerSocket listener;

    private DatabaseLink(String targetHost, int targetPort, int port) {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.port = port;
    }

    /** A link to {@code host:port}, open, on a free local port. */
    static DatabaseLink to(String host, int port) {
        int local;
        try (ServerSocket probe = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            local = probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        DatabaseLink link = new DatabaseLink(host, port, local);
        link.restore();
        return link;
    }

    /** The local port the services connect to. */
    int port() {
        return port;
    }

    /** Listens again on the same port; connections made from now on reach the database. */
    synchronized void restore() {
        if (listener != null) {
            return;
        }
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            listener = socket;
            pumps.execute(() -> accept(socket));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + port + " again", e);
        }
    }

    /** Stops listening and resets every open connection, both ways. */
    synchronized void cut() {
        if (listener == null) {
            return;
        }
        closeQuietly(listener);
        listener = null;
        open.forEach(DatabaseLink::reset);
        open.clear();
    }

    @Override
    public void close() {
        cut();
        pumps.shutdownNow();
    }

    private void accept(ServerSocket socket) {
        while (!socket.isClosed()) {
            Socket client;
            try {
                client = socket.accept();
            } catch (IOException closed) {
                return;
            }
            pumps.execute(() -> connect(socket, client));
        }
    }

    private void connect(ServerSocket acceptedBy, Socket client) {
        Socket server;
        try {
            server = new Socket(targetHost, targetPort);
        } catch (IOException e) {
            reset(client);
            return;
        }
        synchronized (this) {
            if (listener != acceptedBy) {
                // Cut while this connection was being made.
                reset(client);
                reset(server);
                return;
            }
            open.add(client);
            open.add(server);
        }
        pumps.execute(() -> pump(client, server));
        pumps.execute(() -> pump(server, client));
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // One side went away (or the link was cut): the other goes too.
        } finally {
            open.remove(from);
            open.remove(to);
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    /** Closes with a reset, not a polite end of stream: the peer sees the connection broken. */
    private static void reset(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
        } catch (SocketException e) {
            // Already closed.
        }
        closeQuietly(socket);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // Nothing more to close.
        }
    }
}
