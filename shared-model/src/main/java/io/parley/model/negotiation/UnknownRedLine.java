package io.parley.model.negotiation;

/** No active red line with this id in the negotiation (a 404). */
public class UnknownRedLine extends RuntimeException {
    public UnknownRedLine(String redLineId) {
        super("no red line '" + redLineId + "' in this negotiation");
    }
}
