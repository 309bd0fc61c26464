package io.parley.local;

/** A port this stack needs is already taken; the message says which and how to choose another. */
public class PortInUse extends RuntimeException {

    private final int port;

    public PortInUse(int port, String message) {
        super(message);
        this.port = port;
    }

    public int port() {
        return port;
    }
}
