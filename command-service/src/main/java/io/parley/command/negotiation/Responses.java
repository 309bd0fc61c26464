package io.parley.command.negotiation;

import io.parley.model.negotiation.CollapseNegotiation;
import io.parley.model.negotiation.CounterMove;
import io.parley.model.negotiation.DeclareRedLine;
import io.parley.model.negotiation.NegotiationCommand;
import io.parley.model.negotiation.OpenNegotiation;
import io.parley.model.negotiation.ProposeMove;
import io.parley.model.negotiation.AcceptMove;
import io.parley.model.negotiation.RejectMove;
import io.parley.model.negotiation.RetractRedLine;
import io.parley.model.negotiation.SignDeal;
import io.parley.model.negotiation.WithdrawMove;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.util.UriComponentsBuilder;

import java.net.URI;

/** The answers to successful writes (API.md); the new version is also the response's {@code ETag}. */
public final class Responses {

    private Responses() {
    }

    public record NegotiationCreated(String id, long version) {
    }

    public record MoveMade(String moveId, long version) {
    }

    public record NewVersion(long version) {
    }

    public record RedLineCreated(String redLineId, long version) {
    }

    /** The answer to {@code command}, which left its negotiation at {@code version}. */
    static ResponseEntity<?> to(NegotiationCommand command, long version) {
        String tag = Long.toString(version);
        if (command instanceof OpenNegotiation c) {
            return ResponseEntity.created(URI.create("/api/negotiations/" + c.negotiationId())).eTag(tag)
                    .body(new NegotiationCreated(c.negotiationId(), version));
        } else if (command instanceof ProposeMove c) {
            return moveMade(c.moveId(), version);
        } else if (command instanceof CounterMove c) {
            return moveMade(c.moveId(), version);
        } else if (command instanceof AcceptMove c) {
            return moveMade(c.moveId(), version);
        } else if (command instanceof RejectMove c) {
            return moveMade(c.moveId(), version);
        } else if (command instanceof WithdrawMove c) {
            return moveMade(c.moveId(), version);
        } else if (command instanceof SignDeal) {
            return ResponseEntity.status(HttpStatus.CREATED).eTag(tag).body(new NewVersion(version));
        } else if (command instanceof CollapseNegotiation) {
            return ResponseEntity.ok().eTag(tag).body(new NewVersion(version));
        } else if (command instanceof DeclareRedLine c) {
            URI location = UriComponentsBuilder.fromPath("/api/negotiations/{id}/red-lines/{redLineId}")
                    .buildAndExpand(c.negotiationId(), c.redLineId()).encode().toUri();
            return ResponseEntity.created(location).eTag(tag).body(new RedLineCreated(c.redLineId(), version));
        } else if (command instanceof RetractRedLine) {
            return ResponseEntity.noContent().eTag(tag).build();
        }
        throw new IllegalArgumentException("no answer for " + command.getClass().getName());
    }

    private static ResponseEntity<?> moveMade(String moveId, long version) {
        return ResponseEntity.status(HttpStatus.CREATED).eTag(Long.toString(version)).body(new MoveMade(moveId, version));
    }
}
