package io.parley.query.deal;

import io.parley.model.access.Caller;
import io.parley.model.deal.DealState;
import io.parley.model.negotiation.NegotiationStatus;
import io.parley.model.term.InvalidInput;
import io.parley.query.access.Viewer;
import io.parley.query.http.NotFound;
import io.parley.query.http.Paging;
import io.parley.query.redline.RedLineVerdicts;
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

import java.util.List;

@RestController
@RequestMapping(path = "/api/negotiations", produces = "application/json")
@Tag(name = "Deals", description = "Negotiations and where their deals stand")
class DealController {

    private static final List<NegotiationStatus> LISTED = List.of(
            NegotiationStatus.OPEN, NegotiationStatus.CONCLUDED, NegotiationStatus.COLLAPSED);

    private final DealProjections deals;
    private final RedLineVerdicts verdicts;
    private final AuthMode mode;

    DealController(DealProjections deals, RedLineVerdicts verdicts, AuthMode mode) {
        this.deals = deals;
        this.verdicts = verdicts;
        this.mode = mode;
    }

    @GetMapping
    @Operation(summary = "List negotiations, most recently changed first",
            description = "Summaries: id, title, scenario, status, version, parties and when the last event happened."
                    + " No red line appears here. A token limited to named negotiations (claim 'negotiations') lists"
                    + " only those.")
    @ApiResponse(responseCode = "200", description = "the negotiations")
    @ApiResponse(responseCode = "400", description = "a bad status or limit, named in errors",
            content = @Content(mediaType = "application/problem+json",
                    schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "401", description = "no valid bearer token; WWW-Authenticate: Bearer",
            content = @Content(mediaType = "application/problem+json",
                    schema = @Schema(implementation = ProblemDetail.class)))
    List<NegotiationSummary> list(
            @Parameter(description = "only negotiations in this status: OPEN, CONCLUDED or COLLAPSED")
            @RequestParam(required = false) String status,
            @Parameter(description = "at most this many, 1 to 1000 (default 100)")
            @RequestParam(required = false) String limit,
            @Parameter(hidden = true) Caller caller) {
        return deals.list(status(status), Paging.limit(limit), caller.negotiations());
    }

    @GetMapping("/{id}/deal")
    @Operation(summary = "The deal as it stands, with the red lines the caller may see",
            description = "Every term in catalogue order with its status (OPEN, PROPOSED, AGREED), the agreed value,"
                    + " and the proposals pending on it. redLines holds what the caller may see, each"
                    + " with its verdict (HOLDS, VIOLATED, UNDETERMINED), atRisk and the proposals that put it at"
                    + " risk (atRiskBy), and the open terms it still depends on (undeterminedBy): a party sees its"
                    + " own red lines, the facilitator sees every party's, an observer (an observer token, or a party"
                    + " token whose party is not at this table) sees none. violatedRedLines, for"
                    + " observers and the facilitator (not for parties), counts each party's violated red lines"
                    + " without saying which. The ETag is"
                    + " \"<version>\" for observers, \"<version>-<party>\" for a party and"
                    + " \"<version>-facilitator\" for the facilitator, so If-None-Match gives 304 only for the"
                    + " caller's own view; responses carry Vary: Authorization (Vary: X-Actor in development mode).",
            parameters = @Parameter(in = ParameterIn.HEADER, name = Viewer.ACTOR_HEADER,
                    description = Viewer.ACTOR_HEADER_DESCRIPTION, schema = @Schema(type = "string")))
    @ApiResponse(responseCode = "200", description = "the deal; ETag as described; Vary: Authorization")
    @ApiResponse(responseCode = "304", description = "the caller's view is still the one named in If-None-Match")
    @ApiResponse(responseCode = "401", description = "no valid bearer token; WWW-Authenticate: Bearer",
            content = @Content(mediaType = "application/problem+json",
                    schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "403", description = "the token is limited to other negotiations",
            content = @Content(mediaType = "application/problem+json",
                    schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "404", description = "no such negotiation",
            content = @Content(mediaType = "application/problem+json",
                    schema = @Schema(implementation = ProblemDetail.class)))
    ResponseEntity<DealView> deal(@PathVariable String id, @Parameter(hidden = true) Caller caller) {
        DealState state = deals.find(id).orElseThrow(() -> NotFound.negotiation(id));
        Viewer viewer = Viewer.of(caller);
        DealView deal = DealView.of(state, verdicts.of(state), viewer);
        return ResponseEntity.ok()
                .eTag(eTag(state.version(), viewer.representation(state.partyIds())))
                .varyBy(mode.identityHeader())
                .header(HttpHeaders.CACHE_CONTROL, Viewer.PRIVATE_READ)
                .body(deal);
    }

    /**
     * Each viewer's representation of a version gets its own tag: a cache that offers one viewer's stored copy for
     * revalidation must never be told it fits another viewer. Observers keep the plain version.
     */
    static String eTag(long version, String representation) {
        return representation == null ? "\"" + version + "\"" : "\"" + version + "-" + representation + "\"";
    }

    private static NegotiationStatus status(String value) {
        if (value == null) {
            return null;
        }
        return LISTED.stream()
                .filter(s -> s.name().equalsIgnoreCase(value.trim()))
                .findFirst()
                .orElseThrow(() -> new InvalidInput("status", "must be one of " + LISTED + ", was '" + value + "'"));
    }
}
