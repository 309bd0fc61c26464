package io.parley.command.http;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PostMapping;

/** The OpenAPI document at /v3/api-docs: the service, the headers every write reads and the problems it may answer. */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

    private static final String PROBLEM = "Problem";
    private static final String BEARER = "bearer";

    @Bean
    public OpenAPI commandServiceApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("Parley command-service")
                        .version("v1")
                        .description("Writes: open negotiations, make moves, declare and retract red lines, sign, "
                                + "collapse. Every /api request carries a bearer token (a JWT whose roles claim holds "
                                + "facilitator, party:<id> or observer); without a valid one the answer is 401. In "
                                + "development mode (PARLEY_AUTH_MODE=header) X-Actor names the caller instead. "
                                + "/actuator, /v3/api-docs and /swagger-ui are open. Every error is "
                                + "application/problem+json with type urn:parley:problem:<code>."))
                .components(new Components().addSchemas(PROBLEM, problemSchema())
                        .addSecuritySchemes(BEARER, new SecurityScheme()
                                .type(SecurityScheme.Type.HTTP)
                                .scheme("bearer")
                                .bearerFormat("JWT")
                                .description("A token from the configured issuer; its sub is recorded with every "
                                        + "event, its roles claim says what the caller may do, an optional "
                                        + "negotiations claim limits it to those negotiations")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }

    /** RFC 9457 problem details as Parley fills them. */
    private static Schema<?> problemSchema() {
        ObjectSchema fieldError = new ObjectSchema();
        fieldError.addProperty("field", new StringSchema().description("JSON path or header name, e.g. parties[0].id"));
        fieldError.addProperty("message", new StringSchema());
        ObjectSchema problem = new ObjectSchema();
        problem.description("RFC 9457 problem details");
        problem.addProperty("type", new StringSchema().description("urn:parley:problem:<code>, e.g. "
                + "urn:parley:problem:rule-violation"));
        problem.addProperty("title", new StringSchema());
        problem.addProperty("status", new IntegerSchema());
        problem.addProperty("detail", new StringSchema());
        problem.addProperty("instance", new StringSchema().description("the request path"));
        problem.addProperty("correlationId", new StringSchema());
        problem.addProperty("errors", new ArraySchema().items(fieldError).description("invalid-input: what is wrong where"));
        problem.addProperty("code", new StringSchema().description("rule-violation and conflict: the machine-readable reason"));
        problem.addProperty("currentVersion", new IntegerSchema().description("stale-version: the negotiation's version"));
        return problem;
    }

    private static ApiResponse problem(String description) {
        return new ApiResponse().description(description).content(new Content().addMediaType(
                "application/problem+json", new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
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
