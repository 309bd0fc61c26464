package io.parley.command.access;

/** How callers are identified ({@code parley.auth.mode}). */
public enum AuthMode {
    /** A verified bearer token (JWT) on every API request; {@code X-Actor} is ignored. */
    JWT,
    /** No authentication: {@code X-Actor} is taken at its word. For development and tests only. */
    HEADER
}
