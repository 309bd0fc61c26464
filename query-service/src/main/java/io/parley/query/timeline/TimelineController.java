package io.parley.query.timeline;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.model.access.Caller;
import io.parley.model.json.EventJson;
import io.parley.model.negotiation.RedLineDeclared;
import io.parley.model.negotiation.RedLineRetracted;
import io.parley.query.access.Viewer;
import io.parley.query.deal.DealProjections;
import io.parley.query.http.NotFound;
import io.parley.query.http.Paging;
import io.parley.support.security.AuthMode;
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
import java.util.Set;

@RestController
@RequestMapping(path = "/api/negotiations", produces = "application/json")
@Tag(name = "Timeline", description = "What happened in a negotiation, event by event")
class TimelineController {

    /** Events that carry a red line's text, and the fields that hold it. */
    private static final Set<String> RED_LINE_EVENTS = Set.of(EventJson.typeName(RedLineDeclared.class),
            EventJson.typeName(RedLineRetracted.class));
    private static final List<String> RED_LINE_TEXT = List.of("title", "expression");

    private final TimelineEntries timeline;
    private final DealProjections deals;
    private final AuthMode mode;
    private final ObjectMapper json = EventJson.mapper();

    TimelineController(TimelineEntries timeline, DealProjections deals, AuthMode mode) {
        this.timeline = timeline;
        this.deals = deals;
        this.mode = mode;
    }

    /**
     * One event of the timeline.
     *
     * @param actor   who acted: a party id or {@code facilitator}; {@code null} when not recorded
     * @param subject for the facilitator only: the authenticated subject behind the event; absent when not recorded
     * @param role    for the facilitator only: that subject's role ({@code facilitator}, {@code party:<id>})
     * @param data    the event's fields, as in the {@code data} of the public event format
     */
    record Event(long version, String type, Instant at, String actor,
                 @JsonInclude(JsonInclude.Include.NON_NULL) String subject,
                 @JsonInclude(JsonInclude.Include.NON_NULL) String role,
                 @JsonRawValue @Schema(type = "object") String data) {
    }

    @GetMapping("/{id}/timeline")
    @Operation(summary = "The events of a negotiation in order",
            description = "Events from version 'from' on, at most 'limit' of them. When more follow, the Link header"
                    + " names the next page (rel=\"next\"). A RedLineDeclared or RedLineRetracted event shows the red"
                    + " line's title and expression only to its party and the facilitator; everyone else"
                    + " sees the event without those fields: its type, version, time, actor, party and redLineId."
                    + " The facilitator also sees who acted as authenticated: subject (the token's subject) and role"
                    + " (facilitator or party:<id>), absent for events recorded without them.",
            parameters = @Parameter(in = ParameterIn.HEADER, name = Viewer.ACTOR_HEADER,
                    description = Viewer.ACTOR_HEADER_DESCRIPTION, schema = @Schema(type = "string")))
    @ApiResponse(responseCode = "200", description = "the events; Link: <...?from=N&limit=L>; rel=\"next\" when"
            + " more follow; Vary: Authorization (X-Actor in development mode)")
    @ApiResponse(responseCode = "400", description = "a bad from or limit, named in errors",
            content = @Content(mediaType = "application/problem+json",
                    schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "401", description = "no valid bearer token; WWW-Authenticate: Bearer",
            content = @Content(mediaType = "application/problem+json",
                    schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "403", description = "the token is limited to other negotiations",
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
            @RequestParam(required = false) String limit,
            @Parameter(hidden = true) Caller caller) {
        long first = Paging.whole("from", from, 1, Long.MAX_VALUE);
        int size = Paging.limit(limit);
        List<TimelineEntry> entries = timeline.page(id, first, size + 1);
        if (entries.isEmpty() && !deals.exists(id)) {
            throw NotFound.negotiation(id);
        }
        Viewer viewer = Viewer.of(caller);
        ResponseEntity.BodyBuilder response = ResponseEntity.ok();
        response.varyBy(mode.identityHeader()).header(HttpHeaders.CACHE_CONTROL, Viewer.PRIVATE_READ);
        if (entries.size() > size) {
            entries = entries.subList(0, size);
            String next = ServletUriComponentsBuilder.fromCurrentRequestUri()
                    .queryParam("from", entries.get(size - 1).version() + 1)
                    .queryParam("limit", size)
                    .build().toUriString();
            response.header(HttpHeaders.LINK, "<" + next + ">; rel=\"next\"");
        }
        return response.body(entries.stream()
                .map(e -> new Event(e.version(), e.type(), e.at(), e.actor(),
                        viewer.seesAudit() ? e.actorSubject() : null, viewer.seesAudit() ? e.actorRole() : null,
                        visibleData(e, viewer)))
                .toList());
    }

    /** The event's data, without the red line's text when {@code viewer} may not read it. */
    private String visibleData(TimelineEntry entry, Viewer viewer) {
        if (!RED_LINE_EVENTS.contains(entry.type())) {
            return entry.data();
        }
        ObjectNode data = readObject(entry);
        if (viewer.maySeeRedLinesOf(data.path("party").asText(null))) {
            return entry.data();
        }
        data.remove(RED_LINE_TEXT);
        return data.toString();
    }

    private ObjectNode readObject(TimelineEntry entry) {
        try {
            if (json.readTree(entry.data()) instanceof ObjectNode data) {
                return data;
            }
        } catch (JsonProcessingException unreadable) {
            // reported below, without the text
        }
        throw new IllegalStateException("the stored data of version " + entry.version() + " of negotiation "
                + entry.negotiationId() + " is not a JSON object");
    }
}
