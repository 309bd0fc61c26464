package io.parley.command.http;

import io.parley.support.openapi.ParleyOpenApi;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PostMapping;

import static io.parley.support.openapi.ParleyOpenApi.problem;

/**
 * The OpenAPI document at /v3/api-docs: the service ({@link ParleyOpenApi} gives what both services document alike),
 * the headers every write reads and the problems it may answer.
 */
@Configuration(proxyBeanMethods = false)
public class WriteApiDocumentation {

    @Bean
    public OpenAPI commandServiceApi() {
        return ParleyOpenApi.api("Parley command-service",
                "Writes: open negotiations, make moves, declare and retract red lines, sign, "
                        + "collapse. Every /api request carries a bearer token (a JWT whose roles claim holds "
                        + "facilitator, party:<id> or observer); without a valid one the answer is 401. In "
                        + "development mode (PARLEY_AUTH_MODE=header) X-Actor names the caller instead. "
                        + "/actuator, /v3/api-docs and /swagger-ui are open. Every error is "
                        + "application/problem+json with type urn:parley:problem:<code>.");
    }

    @Bean
    public OperationCustomizer writeHeaders() {
        return (operation, handler) -> {
            PostMapping post = handler.getMethodAnnotation(PostMapping.class);
            DeleteMapping delete = handler.getMethodAnnotation(DeleteMapping.class);
            if (post == null && delete == null) {
                return operation;
            }
            operation.addParametersItem(header(WriteRequest.ACTOR_HEADER, false,
                    "Development mode only (PARLEY_AUTH_MODE=header), where it is required: who acts, a party id or "
                            + "facilitator. Ignored when tokens are on"));
            operation.addParametersItem(header(WriteRequest.IF_MATCH_HEADER, false,
                    "The version the caller last saw, e.g. \"3\"; 412 when the negotiation has moved on"));
            operation.addParametersItem(header(WriteRequest.IDEMPOTENCY_KEY_HEADER, false,
                    "1 to 128 characters; repeating the request with the same key returns the first answer"));
            operation.addParametersItem(header(CorrelationIdFilter.HEADER, false,
                    "Stored on the events this request causes; generated when absent"));
            ApiResponses responses = operation.getResponses();
            responses.addApiResponse("400", problem(delete != null
                    ? "invalid-input (errors name each header)"
                    : "invalid-input (errors name each field or header) or malformed-json"));
            responses.addApiResponse("401", problem("unauthorized: no valid bearer token (WWW-Authenticate says why)"));
            responses.addApiResponse("403", problem("forbidden: the caller may not do this (its role, its party, or a "
                    + "token limited to other negotiations)"));
            if (delete != null) {
                responses.addApiResponse("404", problem("not-found: no such negotiation, or no such red line in force"));
            } else if (post.path().length > 0) {
                responses.addApiResponse("404", problem("not-found: no such negotiation"));
            }
            responses.addApiResponse("409", problem("rule-violation (with code) or conflict (a concurrent write; retry)"));
            responses.addApiResponse("412", problem("stale-version: If-Match names an older version (currentVersion)"));
            if (post != null) {
                responses.addApiResponse("413", problem("payload-too-large"));
                responses.addApiResponse("415", problem("unsupported-media-type: send application/json"));
            }
            responses.addApiResponse("422", problem("idempotency-key-reused: the key was used for another request"));
            responses.addApiResponse("429", problem("rate-limited: too many writes by this caller; Retry-After says "
                    + "when to retry, nothing was written"));
            return operation;
        };
    }

    private static HeaderParameter header(String name, boolean required, String description) {
        HeaderParameter parameter = new HeaderParameter();
        parameter.name(name).required(required).description(description).schema(new StringSchema());
        return parameter;
    }
}
