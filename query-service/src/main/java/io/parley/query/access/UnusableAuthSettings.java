package io.parley.query.access;

/** Authentication settings that cannot work (no token trust, an unknown mode, a missing key): no start. */
final class UnusableAuthSettings extends IllegalStateException {

    UnusableAuthSettings(String message) {
        super(message);
    }
}
