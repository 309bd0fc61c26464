package io.parley.query.operations;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI queryServiceApi() {
        return new OpenAPI().info(new Info()
                .title("Parley query service")
                .version("v1")
                .description("Reads of negotiations: the deal as it stands with the verdicts on its red lines, the"
                        + " timeline of events, and the facilitator's analysis of what the red lines leave room for,"
                        + " projected from negotiation.events. Errors are application/problem+json (RFC 9457)."
                        + " Identify yourself with X-Actor: <partyId> or X-Actor: facilitator; red lines are"
                        + " private, so what a read shows of them depends on who asks: a party sees its own, the"
                        + " facilitator sees all, anyone else sees none of their text."));
    }
}
