package io.parley.query.timeline;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.parley.query.deal.DealProjections;
import io.parley.query.http.NotFound;
import io.parley.query.http.Paging;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.time.Instant;
import java.util.List;

@RestController
@RequestMapping(path = "/api/negotiations", produces = "application/json")
@Tag(name = "Timeline", description = "What happened in a negotiation, event by event")
class TimelineController {

    private static final String ACTOR = "Who asks: a party id or 'facilitator'. Everything here is readable by all"
            + " for now.";

    private final TimelineEntries timeline;
    private final DealProjections deals;

    TimelineController(TimelineEntries timeline, DealProjections deals) {
        this.timeline = timeline;
        this.deals = deals;
    }

    /**
     * One event of the timeline.
     *
     * @param actor who acted: a party id or {@code facilitator}; {@code null} when not recorded
     * @param data  the event's fields, as in the {@code data} of the public event format
     */
    record Event(long version, String type, Instant at, String actor,
                 @JsonRawValue @Schema(type = "object") String data) {
    }

    @Parameter(in = ParameterIn.HEADER, name = "X-Actor", description = ACTOR)
    @GetMapping("/{id}/timeline")
    @Operation(summary = "The events of a negotiation in order",
            description = "Events from version 'from' on, at most 'limit' of them. When more follow, the Link header"
                    + " names the next page (rel=\"next\").")
    @ApiResponse(responseCode = "200",
            description = "the events; Link: <...?from=N&limit=L>; rel=\"next\" when more follow")
    @ApiResponse(responseCode = "400", description = "a bad from or limit, named in errors",
            content = @Content(mediaType = "application/problem+json",
                    schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "404", description = "no such negotiation",
            content = @Content(mediaType = "application/problem+json",
                    schema = @Schema(implementation = ProblemDetail.class)))
    ResponseEntity<List<Event>> timeline(
            @PathVariable String id,
            @Parameter(description = "the first version to return, from 1 (default 1)")
            @RequestParam(required = false) String from,
            @Parameter(description = "at most this many events, 1 to 1000 (default 100)")
            @RequestParam(required = false) String limit) {
        long first = Paging.whole("from", from, 1, Long.MAX_VALUE);
        int size = Paging.limit(limit);
        List<TimelineEntry> entries = timeline.page(id, first, size + 1);
        if (entries.isEmpty() && !deals.exists(id)) {
            throw NotFound.negotiation(id);
        }
        ResponseEntity.BodyBuilder response = ResponseEntity.ok();
        if (entries.size() > size) {
            entries = entries.subList(0, size);
            String next = ServletUriComponentsBuilder.fromCurrentRequestUri()
                    .queryParam("from", entries.get(size - 1).version() + 1)
                    .queryParam("limit", size)
                    .build().toUriString();
            response.header(HttpHeaders.LINK, "<" + next + ">; rel=\"next\"");
        }
        return response.body(entries.stream()
                .map(e -> new Event(e.version(), e.type(), e.at(), e.actor(), e.data()))
                .toList());
    }
}
