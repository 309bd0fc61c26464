package io.parley.query.operations;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String BEARER = "bearer";

    @Bean
    OpenAPI queryServiceApi() {
        return new OpenAPI().info(new Info()
                        .title("Parley query service")
                        .version("v1")
                        .description("Reads of negotiations: the deal as it stands with the verdicts on its red"
                                + " lines, the timeline of events, and the facilitator's analysis of what the red"
                                + " lines leave room for, projected from negotiation.events. Errors are"
                                + " application/problem+json (RFC 9457). Every /api request carries a bearer token"
                                + " (a signed JWT whose 'roles' claim holds facilitator, party:<id> or observer, and"
                                + " whose optional 'negotiations' claim limits it to those negotiations); without a"
                                + " valid one the answer is 401. Red lines are private, so what a read shows of them"
                                + " depends on who asks: a party sees its own, the facilitator sees all, anyone else"
                                + " sees none of their text. In development mode (PARLEY_AUTH_MODE=header) there"
                                + " are no tokens and X-Actor: <partyId> or X-Actor: facilitator names the caller."))
                .components(new Components().addSecuritySchemes(BEARER, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .bearerFormat("JWT")
                        .description("A token from the identity provider the service trusts (the local stack"
                                + " prints some at start).")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }
}
