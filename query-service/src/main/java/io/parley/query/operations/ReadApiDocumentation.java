package io.parley.query.operations;

import io.parley.support.openapi.ParleyOpenApi;
import io.swagger.v3.oas.models.OpenAPI;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document at /v3/api-docs; {@link ParleyOpenApi} gives what both services document alike. */
@Configuration(proxyBeanMethods = false)
class ReadApiDocumentation {

    @Bean
    OpenAPI queryServiceApi() {
        return ParleyOpenApi.api("Parley query service",
                "Reads of negotiations: the deal as it stands with the verdicts on its red"
                        + " lines, the timeline of events, and the facilitator's analysis of what the red"
                        + " lines leave room for, projected from negotiation.events. Errors are"
                        + " application/problem+json (RFC 9457). Every /api request carries a bearer token"
                        + " (a signed JWT whose 'roles' claim holds facilitator, party:<id> or observer, and"
                        + " whose optional 'negotiations' claim limits it to those negotiations); without a"
                        + " valid one the answer is 401. Red lines are private, so what a read shows of them"
                        + " depends on who asks: a party sees its own, the facilitator sees all, anyone else"
                        + " sees none of their text. In development mode (PARLEY_AUTH_MODE=header) there"
                        + " are no tokens and X-Actor: <partyId> or X-Actor: facilitator names the caller.");
    }
}
