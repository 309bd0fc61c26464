package io.parley.model.redline;

import io.parley.model.access.Caller;
import io.parley.model.negotiation.DeclareRedLine;

import java.util.List;

/**
 * The reference red lines of {@code ukraine-2025}: the nine of the domain's reference pack (Russia's, Ukraine's, the
 * United States' and Europe's stated positions, two of them maximal) and three more each side would plausibly hold.
 * The tests and {@code ./bench.sh red-lines} declare these; nothing in the engine depends on them.
 */
public final class ReferenceRedLines {

    /** The scenario whose terms they read. */
    public static final String SCENARIO = "ukraine-2025";

    /** One red line as a party would declare it. */
    public record Line(String id, String party, String title, String expression) {

        /** The command that declares it, made by the party itself. */
        public DeclareRedLine declare(String negotiationId) {
            return new DeclareRedLine(negotiationId, id, party, title, expression, Caller.party(null, party), null);
        }
    }

    /** All twelve, in the order they are declared. Together they leave no agreement: UA's NATO bid is RU's veto. */
    public static final List<Line> UKRAINE_2025 = List.of(
            new Line("ru-no-nato", "RU", "Ukraine never in NATO", "deal.nato_membership != 'PURSUE'"),
            new Line("ru-no-us-forces", "RU", "No US forces in Ukraine", "!('US_TRIPWIRE' in deal.foreign_troops)"),
            new Line("ru-no-missiles", "RU", "No intermediate-range missiles for Ukraine",
                    "'INTERMEDIATE_RANGE_MISSILES' in deal.aid_excluded"),
            new Line("ru-demilitarised", "RU", "A demilitarised Ukraine", "deal.army_cap <= 100000"),
            new Line("ru-no-bomb", "RU", "No Ukrainian nuclear deterrent", "deal.nuclear_deterrent == 'PROHIBITED'"),
            new Line("ua-guarantee-or-army", "UA", "Some formal guarantee, or at least no disarmament",
                    "deal.security_guarantee.kind != 'NONE' || deal.army_cap == UNLIMITED"),
            new Line("ua-nato", "UA", "NATO membership", "deal.nato_membership == 'PURSUE'"),
            new Line("ua-air-defence", "UA", "Air defence keeps coming", "!('AIR_DEFENSE' in deal.aid_excluded)"),
            new Line("us-no-troops", "US", "No US troops on the ground", "!('US_TRIPWIRE' in deal.foreign_troops)"),
            new Line("us-no-bilateral", "US", "No bilateral treaty guarantee", "deal.security_guarantee.kind != 'US_BILATERAL'"),
            new Line("eu-no-veto", "EU", "No third country gets a written veto over NATO membership",
                    "deal.nato_written_limit == false"),
            new Line("eu-spending", "EU", "Ukraine spends at least 3% of GDP on defence", "deal.defense_spending_pct_gdp >= 3.0"));

    private ReferenceRedLines() {
    }
}
