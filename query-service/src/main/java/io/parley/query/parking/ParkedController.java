package io.parley.query.parking;

import io.parley.model.access.Caller;
import io.parley.model.term.InvalidInput;
import io.parley.query.http.Conflict;
import io.parley.query.http.Paging;
import io.parley.query.intake.ParkKind;
import io.parley.support.problem.Forbidden;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The operator's view of parked records and what can be done about them. Facilitator only, with a credential not
 * limited to named negotiations: parked records span negotiations, and some belong to none that can be read.
 */
@RestController
@RequestMapping(path = "/api/admin/parked", produces = "application/json")
@Tag(name = "Parked records", description = "Records of negotiation.events the intake set aside: list, retry, skip")
class ParkedController {

    /** A skip reason is for people reading the record later; a paragraph is enough. */
    static final int MAX_SKIP_REASON = 1000;

    private final Parking parking;

    ParkedController(Parking parking) {
        this.parking = parking;
    }

    /** @param reason why the record is skipped, kept with it */
    record Skip(String reason) {
    }

    /** What retrying a negotiation's parked records did, record by record in version order. */
    record NegotiationRetried(String negotiationId, int applied, int stillParked,
                              List<Parking.Retried> records) {
    }

    @GetMapping
    @Operation(summary = "Parked records, oldest first",
            description = "By default the records still PARKED; status=all (or RETRIED, SKIPPED) shows resolved ones"
                    + " too, with who resolved them, when and why. Facilitator only.")
    List<ParkedEntry> list(@Parameter(hidden = true) Caller caller,
                           @Parameter(description = "MALFORMED, GAP or FOLD_FAILED") @RequestParam(required = false)
                           String kind,
                           @Parameter(description = "only this negotiation's records") @RequestParam(required = false)
                           String negotiation,
                           @Parameter(description = "PARKED (default), RETRIED, SKIPPED or all")
                           @RequestParam(required = false) String status,
                           @Parameter(description = "at most this many, 1 to 1000 (default 100)")
                           @RequestParam(required = false) String limit) {
        requireOperator(caller);
        return parking.list(kind == null ? null : named(ParkKind.class, "kind", kind), negotiation,
                status == null ? ParkedStatus.PARKED
                        : status.trim().equalsIgnoreCase("all") ? null : named(ParkedStatus.class, "status", status),
                Paging.limit(limit));
    }

    @GetMapping("/{id}")
    @Operation(summary = "One parked record", description = "Facilitator only.")
    ParkedEntry one(@Parameter(hidden = true) Caller caller, @PathVariable long id) {
        requireOperator(caller);
        return parking.find(id);
    }

    @PostMapping("/{id}/retry")
    @Operation(summary = "Retry one parked record through the intake",
            description = "Reads, checks and applies the record exactly as the intake would. 200 when it applied"
                    + " (outcome APPLIED) or its version had been applied meanwhile (DUPLICATE): it is then RETRIED."
                    + " 409 (code still-parked) when it still cannot apply: it stays PARKED with the new reason."
                    + " 409 (code not-parked) when it was retried or skipped already. Facilitator only.")
    Parking.Retried retry(@Parameter(hidden = true) Caller caller, @PathVariable long id) {
        requireOperator(caller);
        Parking.Retried retried = parking.retry(id, who(caller));
        if (retried.outcome() == Parking.Outcome.STILL_PARKED) {
            throw new Conflict("still-parked", "parked record " + id + " still cannot apply: " + retried.reason(),
                    Map.of("id", id, "outcome", retried.outcome().name(), "kind", retried.kind().name(),
                            "reason", retried.reason()));
        }
        return retried;
    }

    @PostMapping("/retry")
    @Operation(summary = "Retry every parked record of one negotiation, in version order",
            description = "Once a missing version has arrived, this applies all the versions parked behind it. Always"
                    + " 200: each record's outcome is listed (APPLIED, DUPLICATE, or STILL_PARKED with the reason)."
                    + " Facilitator only.")
    NegotiationRetried retryNegotiation(@Parameter(hidden = true) Caller caller, @RequestParam String negotiation) {
        requireOperator(caller);
        List<Parking.Retried> retried = parking.retryNegotiation(negotiation, who(caller));
        return new NegotiationRetried(negotiation,
                (int) retried.stream().filter(r -> r.outcome() == Parking.Outcome.APPLIED).count(),
                (int) retried.stream().filter(r -> r.outcome() == Parking.Outcome.STILL_PARKED).count(),
                retried);
    }

    @PostMapping(path = "/{id}/skip", consumes = "application/json")
    @Operation(summary = "Skip a parked record for good, saying why",
            description = "The record is never applied; it stays listed (status SKIPPED) with who skipped it and why,"
                    + " and no longer counts as parked on health and metrics. 409 (code not-parked) when it was"
                    + " retried or skipped already. Facilitator only.")
    ParkedEntry skip(@Parameter(hidden = true) Caller caller, @PathVariable long id, @RequestBody Skip skip) {
        requireOperator(caller);
        String reason = skip == null || skip.reason() == null ? "" : skip.reason().trim();
        if (reason.isEmpty()) {
            throw new InvalidInput("reason", "is required: say why the record is skipped");
        }
        if (reason.length() > MAX_SKIP_REASON) {
            throw new InvalidInput("reason", "must be at most " + MAX_SKIP_REASON + " characters");
        }
        return parking.skip(id, reason, who(caller));
    }

    private static void requireOperator(Caller caller) {
        if (!caller.isFacilitator()) {
            throw new Forbidden("parked records are for the facilitator only");
        }
        if (caller.negotiations() != null) {
            throw new Forbidden("parked records span negotiations: a credential limited to named negotiations"
                    + " cannot manage them");
        }
    }

    /** Who resolved a record: the token's subject, or in development mode the X-Actor. */
    private static String who(Caller caller) {
        return caller.subject() != null ? caller.subject() : caller.actor();
    }

    private static <E extends Enum<E>> E named(Class<E> type, String field, String value) {
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            StringBuilder allowed = new StringBuilder();
            for (E constant : type.getEnumConstants()) {
                allowed.append(allowed.isEmpty() ? "" : ", ").append(constant.name());
            }
            throw new InvalidInput(field, "must be one of " + allowed + (type == ParkedStatus.class ? ", all" : "")
                    + ", was '" + value + "'");
        }
    }
}
