package io.parley.command.negotiation;

/** The bodies of successful writes; the new version is also the response's {@code ETag}. */
public final class Responses {

    private Responses() {
    }

    public record NegotiationCreated(String id, long version) {
    }

    public record MoveMade(String moveId, long version) {
    }

    public record NewVersion(long version) {
    }

    public record RedLineCreated(String redLineId, long version) {
    }
}
