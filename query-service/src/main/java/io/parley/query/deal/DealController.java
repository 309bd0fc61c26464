package io.parley.query.deal;

import io.parley.model.negotiation.NegotiationStatus;
import io.parley.model.term.InvalidInput;
import io.parley.query.http.NotFound;
import io.parley.query.http.Paging;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
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

    private static final String ACTOR = "Who asks: a party id or 'facilitator'. Everything here is readable by all"
            + " for now.";

    private final DealProjections deals;

    DealController(DealProjections deals) {
        this.deals = deals;
    }

    @Parameter(in = ParameterIn.HEADER, name = "X-Actor", description = ACTOR)
    @GetMapping
    @Operation(summary = "List negotiations, most recently changed first",
            description = "Summaries: id, title, scenario, status, version, parties and when the last event happened.")
    @ApiResponse(responseCode = "200", description = "the negotiations")
    @ApiResponse(responseCode = "400", description = "a bad status or limit, named in errors",
            content = @Content(mediaType = "application/problem+json",
                    schema = @Schema(implementation = ProblemDetail.class)))
    List<NegotiationSummary> list(
            @Parameter(description = "only negotiations in this status: OPEN, CONCLUDED or COLLAPSED")
            @RequestParam(required = false) String status,
            @Parameter(description = "at most this many, 1 to 1000 (default 100)")
            @RequestParam(required = false) String limit) {
        return deals.list(status(status), Paging.limit(limit));
    }

    @Parameter(in = ParameterIn.HEADER, name = "X-Actor", description = ACTOR)
    @GetMapping("/{id}/deal")
    @Operation(summary = "The deal as it stands",
            description = "Every term in catalogue order with its status (OPEN, PROPOSED, AGREED), the agreed value,"
                    + " and the proposals pending on it. The ETag is the deal's version; If-None-Match gives 304.")
    @ApiResponse(responseCode = "200", description = "the deal; ETag: \"<version>\"")
    @ApiResponse(responseCode = "304", description = "the deal is still at the version named in If-None-Match")
    @ApiResponse(responseCode = "404", description = "no such negotiation",
            content = @Content(mediaType = "application/problem+json",
                    schema = @Schema(implementation = ProblemDetail.class)))
    ResponseEntity<DealView> deal(@PathVariable String id) {
        DealView deal = deals.find(id).map(DealView::of).orElseThrow(() -> NotFound.negotiation(id));
        return ResponseEntity.ok().eTag("\"" + deal.version() + "\"").body(deal);
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
