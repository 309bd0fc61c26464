package io.parley.command.negotiation;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.command.http.WriteRequest;
import io.parley.command.negotiation.Requests.CollapseRequest;
import io.parley.command.negotiation.Requests.MoveRequest;
import io.parley.command.negotiation.Requests.OpenNegotiationRequest;
import io.parley.command.negotiation.Requests.RedLineRequest;
import io.parley.command.negotiation.Requests.SignatureRequest;
import io.parley.model.access.Caller;
import io.parley.model.negotiation.AcceptMove;
import io.parley.model.negotiation.CollapseNegotiation;
import io.parley.model.negotiation.CounterMove;
import io.parley.model.negotiation.DeclareRedLine;
import io.parley.model.negotiation.NegotiationCommand;
import io.parley.model.negotiation.OpenNegotiation;
import io.parley.model.negotiation.ProposeMove;
import io.parley.model.negotiation.RejectMove;
import io.parley.model.negotiation.RetractRedLine;
import io.parley.model.negotiation.SignDeal;
import io.parley.model.negotiation.WithdrawMove;
import io.parley.model.scenario.Scenario;
import io.parley.model.scenario.Scenarios;
import io.parley.model.term.FieldError;
import io.parley.model.term.InvalidInput;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * The write API (API.md): open a negotiation, make moves, declare and retract red lines, sign, collapse. Every write
 * is made by a caller (a bearer token's, or in header mode {@code X-Actor}'s), may carry {@code If-Match: "<version>"}
 * and {@code Idempotency-Key}, and answers with the new version in the body and in {@code ETag}.
 * <p>
 * This class only reads requests into commands. Who may do what, and everything else a command may be refused for,
 * the rules of the table decide ({@code DealState.decide}); {@link NegotiationCommands} runs the command and answers.
 */
@RestController
@RequestMapping("/api/negotiations")
@Tag(name = "Negotiations (writes)", description = "Open negotiations and make moves. Errors are application/problem+json.")
public class NegotiationController {

    private final NegotiationCommands commands;

    public NegotiationController(NegotiationCommands commands) {
        this.commands = commands;
    }

    @Operation(summary = "Open a negotiation (facilitator only)",
            description = "Body: {title, parties, terms} for a custom table, or {scenario, title?} for a shipped one. "
                    + "201 with Location, ETag \"1\" and {id, version}.")
    @ApiResponse(responseCode = "201", description = "Opened; Location and ETag \"1\"",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                    schema = @Schema(implementation = Responses.NegotiationCreated.class)))
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<?> open(@RequestBody OpenNegotiationRequest body, HttpServletRequest http) {
        WriteRequest write = WriteRequest.of(http);
        return commands.send(openCommand(UUID.randomUUID().toString(), body, write), write);
    }

    @Operation(summary = "Make a move: propose, accept, reject, withdraw or counter",
            description = "The caller must be the moving party. 201 with {moveId, version} and ETag.")
    @ApiResponse(responseCode = "201", description = "The move was made; ETag is the new version",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                    schema = @Schema(implementation = Responses.MoveMade.class)))
    @PostMapping(path = "/{id}/moves", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<?> move(@PathVariable String id, @RequestBody MoveRequest body, HttpServletRequest http) {
        WriteRequest write = WriteRequest.of(http);
        MoveKind kind = checkMove(body);
        return commands.send(moveCommand(id, UUID.randomUUID().toString(), kind, body, write), write);
    }

    @Operation(summary = "Sign the deal as it stands",
            description = "The caller must be the signing party. The negotiation concludes when every party has signed; "
                    + "an agreement reached after a signature voids the signatures. 201 with {version} and ETag.")
    @ApiResponse(responseCode = "201", description = "Signed; ETag is the new version",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                    schema = @Schema(implementation = Responses.NewVersion.class)))
    @PostMapping(path = "/{id}/signatures", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<?> sign(@PathVariable String id, @RequestBody SignatureRequest body, HttpServletRequest http) {
        WriteRequest write = WriteRequest.of(http);
        requireText("party", body.party());
        return commands.send(new SignDeal(id, body.party(), write.caller(), write.expectedVersion()), write);
    }

    @Operation(summary = "Record that the negotiation collapsed (facilitator only)",
            description = "Nothing can happen in a collapsed negotiation. 200 with {version} and ETag.")
    @ApiResponse(responseCode = "200", description = "Collapsed; ETag is the new version",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                    schema = @Schema(implementation = Responses.NewVersion.class)))
    @PostMapping(path = "/{id}/collapse", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<?> collapse(@PathVariable String id, @RequestBody CollapseRequest body, HttpServletRequest http) {
        WriteRequest write = WriteRequest.of(http);
        return commands.send(new CollapseNegotiation(id, body.reason(), write.caller(), write.expectedVersion()), write);
    }

    @Operation(summary = "Declare a red line: a party's private limit, as a CEL predicate over the deal",
            description = "The caller is the party itself, or the facilitator declaring on its behalf. The expression is "
                    + "compiled against the negotiation's terms first: a syntax error, an unknown term or field, a type "
                    + "mismatch, a value outside a term's domain or an expression over the size or cost limits is a 400 "
                    + "naming expression with line:column, and nothing is recorded. 201 with Location, ETag and "
                    + "{redLineId, version}.")
    @ApiResponse(responseCode = "201", description = "Declared; Location names the red line, ETag is the new version",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                    schema = @Schema(implementation = Responses.RedLineCreated.class)))
    @PostMapping(path = "/{id}/red-lines", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<?> declareRedLine(@PathVariable String id, @RequestBody RedLineRequest body,
                                            HttpServletRequest http) {
        WriteRequest write = WriteRequest.of(http);
        return commands.send(new DeclareRedLine(id, UUID.randomUUID().toString(), body.party(), body.title(),
                body.expression(), write.caller(), write.expectedVersion()), write);
    }

    @Operation(summary = "Retract a red line (its party or the facilitator)",
            description = "No body. 204 with ETag, the new version; 404 when the negotiation has no such red line "
                    + "in force.")
    @ApiResponse(responseCode = "204", description = "Retracted; ETag is the new version")
    @DeleteMapping(path = "/{id}/red-lines/{redLineId}")
    public ResponseEntity<?> retractRedLine(@PathVariable String id, @PathVariable String redLineId,
                                            HttpServletRequest http) {
        WriteRequest write = WriteRequest.of(http);
        return commands.send(new RetractRedLine(id, redLineId, write.caller(), write.expectedVersion()), write);
    }

    /** A custom table, or a shipped scenario (whose title a given one replaces); never both. */
    private static OpenNegotiation openCommand(String id, OpenNegotiationRequest body, WriteRequest write) {
        if (body.scenario() == null) {
            if (body.parties() == null && body.terms() == null) {
                throw new InvalidInput(List.of(
                        new FieldError("parties", "is required (with terms), unless a scenario is named"),
                        new FieldError("terms", "is required (with parties), unless a scenario is named")));
            }
            return new OpenNegotiation(id, body.title(), null, body.parties(), body.terms(), write.caller(),
                    write.expectedVersion());
        }
        List<FieldError> errors = new ArrayList<>();
        if (body.parties() != null) {
            errors.add(new FieldError("parties", "cannot be given with a scenario: the scenario names its parties"));
        }
        if (body.terms() != null) {
            errors.add(new FieldError("terms", "cannot be given with a scenario: the scenario names its terms"));
        }
        Scenario scenario = Scenarios.find(body.scenario()).orElse(null);
        if (scenario == null) {
            errors.add(new FieldError("scenario", "unknown scenario '" + body.scenario() + "'; known scenarios are "
                    + Scenarios.IDS));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        String title = body.title() != null ? body.title() : scenario.title();
        return new OpenNegotiation(id, title, scenario.id(), scenario.parties(), scenario.terms(), write.caller(),
                write.expectedVersion());
    }

    /** Checks the shape of a move: its kind, and that it has exactly the fields that kind takes. */
    private static MoveKind checkMove(MoveRequest body) {
        List<FieldError> errors = new ArrayList<>();
        if (body.party() == null || body.party().isBlank()) {
            errors.add(new FieldError("party", "is required: the party that moves"));
        }
        MoveKind kind = MoveKind.parse(body.kind()).orElse(null);
        if (kind == null) {
            errors.add(new FieldError("kind", (body.kind() == null ? "is required" : "is not a kind of move: " + body.kind())
                    + "; kinds are " + Arrays.toString(MoveKind.values())));
            throw new InvalidInput(errors);
        }
        for (String field : MoveKind.VARIABLE_FIELDS) {
            boolean given = isGiven(body, field);
            if (kind.takes(field) && !given) {
                errors.add(new FieldError(field, "is required for a " + kind + " move"));
            } else if (!kind.takes(field) && given) {
                errors.add(new FieldError(field, "is not taken by a " + kind + " move"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        return kind;
    }

    private static boolean isGiven(MoveRequest body, String field) {
        return switch (field) {
            case "term" -> body.term() != null;
            case "moveId" -> body.moveId() != null;
            case "value" -> body.value() != null && !body.value().isNull();
            default -> throw new IllegalArgumentException(field);
        };
    }

    private static NegotiationCommand moveCommand(String id, String moveId, MoveKind kind, MoveRequest body,
                                                  WriteRequest write) {
        JsonNode value = body.value();
        Caller caller = write.caller();
        Long expected = write.expectedVersion();
        return switch (kind) {
            case PROPOSE -> new ProposeMove(id, moveId, body.party(), body.term(), value, body.rationale(), caller, expected);
            case ACCEPT -> new AcceptMove(id, moveId, body.party(), body.moveId(), body.rationale(), caller, expected);
            case REJECT -> new RejectMove(id, moveId, body.party(), body.moveId(), body.rationale(), caller, expected);
            case WITHDRAW -> new WithdrawMove(id, moveId, body.party(), body.moveId(), body.rationale(), caller, expected);
            case COUNTER -> new CounterMove(id, moveId, body.party(), body.moveId(), value, body.rationale(), caller,
                    expected);
        };
    }

    private static void requireText(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidInput(field, "is required");
        }
    }
}
