package io.parley.query.analysis;

import io.parley.model.access.Caller;
import io.parley.model.deal.DealState;
import io.parley.model.redline.Analysis;
import io.parley.model.term.InvalidInput;
import io.parley.query.access.Viewer;
import io.parley.query.deal.DealProjections;
import io.parley.query.http.NotFound;
import io.parley.support.problem.Forbidden;
import io.parley.support.security.AuthMode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api/negotiations", produces = "application/json")
@Tag(name = "Analysis", description = "Is there a deal every party can live with? For the facilitator")
class AnalysisController {

    private final DealProjections deals;
    private final Analyses analyses;
    private final AuthMode mode;

    AnalysisController(DealProjections deals, Analyses analyses, AuthMode mode) {
        this.deals = deals;
        this.analyses = analyses;
        this.mode = mode;
    }

    @GetMapping("/{id}/analysis")
    @Operation(summary = "Which pending proposals break which red lines, and whether any deal satisfies them all",
            description = "For the facilitator only (a facilitator token), because it reads every party's red"
                    + " lines: a party or an observer gets 403, whether or not the negotiation exists. On the current"
                    + " version (version): proposals lists each pending proposal with the ids of the red lines it"
                    + " would violate were it agreed (wouldViolate); feasible says whether, the agreed terms fixed,"
                    + " some values of the open terms satisfy every red line; package is one such set of values"
                    + " for the open terms the red lines read, packages how many there are (null when too many to"
                    + " count); conflict, when nothing is feasible, is a smallest set of red lines that cannot all"
                    + " hold (id, party and title, never the expression); searchComplete is false when the search"
                    + " ran out of budget; treatment lists the candidate values searched for open number and text"
                    + " terms. ?party= asks the same of that party's red lines alone.",
            parameters = @Parameter(in = ParameterIn.HEADER, name = Viewer.ACTOR_HEADER,
                    description = "Development mode only (PARLEY_AUTH_MODE=header): must be 'facilitator'. Ignored"
                            + " with tokens.", schema = @Schema(type = "string")))
    @ApiResponse(responseCode = "200",
            description = "the analysis of the version named in 'version'; Vary: Authorization")
    @ApiResponse(responseCode = "400", description = "party is not a party of this negotiation",
            content = @Content(mediaType = "application/problem+json",
                    schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "401", description = "no valid bearer token; WWW-Authenticate: Bearer",
            content = @Content(mediaType = "application/problem+json",
                    schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "403",
            description = "the caller is not the facilitator, or the token is limited to other negotiations",
            content = @Content(mediaType = "application/problem+json",
                    schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "404", description = "no such negotiation",
            content = @Content(mediaType = "application/problem+json",
                    schema = @Schema(implementation = ProblemDetail.class)))
    ResponseEntity<Analysis> analysis(
            @PathVariable String id,
            @Parameter(description = "only this party's red lines (a party id of this negotiation)")
            @RequestParam(required = false) String party,
            @Parameter(hidden = true) Caller caller) {
        // Checked before the negotiation is looked up, so that nobody else learns which negotiations exist.
        if (!caller.isFacilitator()) {
            throw new Forbidden("only the facilitator can read the analysis, which reads every party's red lines;"
                    + " this caller is " + caller.roleName());
        }
        DealState deal = deals.find(id).orElseThrow(() -> NotFound.negotiation(id));
        if (party != null && !deal.hasParty(party)) {
            throw new InvalidInput("party", "must be a party of this negotiation, one of " + deal.partyIds()
                    + ", was '" + party + "'");
        }
        return ResponseEntity.ok().varyBy(mode.identityHeader()).header(HttpHeaders.CACHE_CONTROL, Viewer.PRIVATE_READ)
                .body(analyses.of(deal, party));
    }
}
