package io.parley.command.negotiation;

/**
 * What a command handler answers.
 *
 * @param moveId  the id of the move the command made, or {@code null} for commands that are not moves
 * @param version the negotiation's version after the command (its number of events)
 */
public record CommandOutcome(String moveId, long version) {
}
