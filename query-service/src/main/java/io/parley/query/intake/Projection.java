package io.parley.query.intake;

import io.parley.model.deal.DealState;

import java.util.List;
import java.util.Map;

/**
 * What the projector decided about a batch.
 *
 * @param verdicts one per record, in the records' order
 * @param deals    the deal state each changed negotiation ends at, as its row keeps it, in the order the batch first
 *                 named them
 */
public record Projection(List<Verdict> verdicts, Map<String, DealState> deals) {

    int count(Class<? extends Verdict> verdict) {
        return (int) verdicts.stream().filter(verdict::isInstance).count();
    }

    List<Verdict.Parked> parked() {
        return verdicts.stream().filter(Verdict.Parked.class::isInstance).map(Verdict.Parked.class::cast).toList();
    }

    int gaps() {
        return (int) parked().stream().filter(p -> p.kind() == ParkKind.GAP).count();
    }

    List<DealState> changed() {
        return List.copyOf(deals.values());
    }
}
