package io.parley.command.negotiation;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.model.negotiation.Party;
import io.parley.model.term.TermDefinition;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/** The bodies of the write endpoints, as API.md fixes them. */
public final class Requests {

    private Requests() {
    }

    @Schema(description = "Either parties and terms, or the id of a shipped scenario (with an optional title).")
    public record OpenNegotiationRequest(
            @Schema(description = "Defaults to the scenario's title when a scenario is named") String title,
            @Schema(description = "A shipped scenario, e.g. ukraine-2025") String scenario,
            @Schema(description = "At least two parties: {id, name}") List<Party> parties,
            @Schema(description = "The term catalogue: {id, type, values?, min?, max?, unlimited?, maxLength?, fields?, consent?}")
            List<TermDefinition> terms) {
    }

    @Schema(description = """
            A move by a party. PROPOSE takes term and value; ACCEPT, REJECT and WITHDRAW take moveId (the proposal \
            they answer); COUNTER takes moveId and value. rationale is optional for every kind.""")
    public record MoveRequest(
            @Schema(description = "The party that moves; must equal X-Actor", requiredMode = Schema.RequiredMode.REQUIRED)
            String party,
            @Schema(description = "PROPOSE, ACCEPT, REJECT, WITHDRAW or COUNTER", requiredMode = Schema.RequiredMode.REQUIRED)
            String kind,
            @Schema(description = "PROPOSE: the term's id") String term,
            @Schema(description = "PROPOSE, COUNTER: a value in the term's domain: a string, number, boolean, array "
                    + "or object, as the term's type says", implementation = Object.class) JsonNode value,
            @Schema(description = "ACCEPT, REJECT, WITHDRAW, COUNTER: the id of the pending proposal") String moveId,
            @Schema(description = "Why, in the party's words (at most 4000 characters)") String rationale) {
    }

    public record SignatureRequest(
            @Schema(description = "The party that signs; must equal X-Actor", requiredMode = Schema.RequiredMode.REQUIRED)
            String party) {
    }

    public record CollapseRequest(
            @Schema(description = "Why the negotiation ended without a deal", requiredMode = Schema.RequiredMode.REQUIRED)
            String reason) {
    }

    @Schema(description = """
            A party's red line: a CEL predicate over the deal that must hold for the party to live with it, e.g. \
            deal.nato_membership != 'PURSUE'. It is compiled against the negotiation's terms when it arrives.""")
    public record RedLineRequest(
            @Schema(description = "The party whose red line it is; X-Actor is that party, or the facilitator "
                    + "declaring on its behalf", requiredMode = Schema.RequiredMode.REQUIRED)
            String party,
            @Schema(description = "A short name for it (at most 200 characters)", requiredMode = Schema.RequiredMode.REQUIRED)
            String title,
            @Schema(description = "A boolean CEL expression over deal.<term> and deal.<term>.<field> "
                    + "(at most 4000 characters)", requiredMode = Schema.RequiredMode.REQUIRED)
            String expression) {
    }
}
