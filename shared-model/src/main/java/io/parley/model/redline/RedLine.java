package io.parley.model.redline;

/**
 * A party's private limit: a CEL predicate over the deal ({@code deal.<term>}, {@code deal.<term>.<field>}) that
 * must hold for the party to live with the deal.
 */
public record RedLine(String id, String party, String title, String expression) {
}
