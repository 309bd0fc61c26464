package io.parley.model.redline;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.parley.model.term.TermValue;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the red lines leave room for, on one version of a deal ({@link AgreementSpace#analyse}).
 *
 * @param negotiationId    the negotiation
 * @param version          the version of the deal analysed
 * @param party            the party whose red lines alone were considered; absent when every party's were
 * @param proposals        every pending proposal, oldest first, with the red lines (of those considered) it would
 *                         violate were it agreed and everything else left as it stands
 * @param feasible         whether some values of the open terms satisfy every red line considered, the agreed terms
 *                         as they are
 * @param searchComplete   whether the search finished within its budget; when false, {@code feasible == false} only
 *                         means no package was found, and {@code conflict} is absent or may not be minimal
 * @param agreementPackage ({@code "package"} in JSON) one such set of values, for the open terms the red lines read
 *                         (a STRUCT term shows the fields they read); other open terms are left out. {@code null}
 *                         when not feasible
 * @param packages         how many packages satisfy every red line considered, counted over the candidate values of
 *                         the open terms they read (see {@code treatment}); {@code 0} when not feasible;
 *                         {@code null} when there are too many to count
 * @param conflict         when not feasible: a smallest set of red lines that cannot hold together (it is infeasible
 *                         on its own, and dropping any one of them makes it feasible), in declaration order;
 *                         {@code null} when feasible
 * @param treatment        the candidate values the search gave each open INTEGER, NUMBER and TEXT term (or field,
 *                         {@code security_guarantee.void_conditions}) it searched: the bounds, the constants the
 *                         red lines compare it with and their neighbours, {@code UNLIMITED} where allowed
 */
public record Analysis(
        String negotiationId,
        long version,
        @JsonInclude(JsonInclude.Include.NON_NULL) String party,
        List<ProposalImpact> proposals,
        boolean feasible,
        boolean searchComplete,
        @JsonProperty("package") Map<String, TermValue> agreementPackage,
        Long packages,
        List<ConflictingRedLine> conflict,
        Map<String, List<TermValue>> treatment) {

    public Analysis {
        proposals = List.copyOf(proposals);
        agreementPackage = agreementPackage == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(agreementPackage));
        conflict = conflict == null ? null : List.copyOf(conflict);
        treatment = Collections.unmodifiableMap(new LinkedHashMap<>(treatment));
    }

    /**
     * A pending proposal and the red lines it would violate if agreed.
     *
     * @param wouldViolate ids of the red lines, in declaration order, that hold or are undetermined now and would be
     *                     violated with this value agreed (a red line already violated is not repeated here)
     */
    public record ProposalImpact(String proposalId, String term, String party, TermValue value, List<String> wouldViolate) {
        public ProposalImpact {
            wouldViolate = List.copyOf(wouldViolate);
        }
    }

    /** A red line of a conflict: who holds it and what it is called (never its expression, which is private). */
    public record ConflictingRedLine(String redLineId, String party, String title) {
    }
}
