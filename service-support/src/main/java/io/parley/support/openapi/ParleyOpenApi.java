package io.parley.support.openapi;

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
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

/**
 * What both services' OpenAPI documents (/v3/api-docs) say alike: version, the bearer token every /api request
 * carries, and the RFC 9457 problem every error is. Each service adds its title, description and operations.
 */
public final class ParleyOpenApi {

    public static final String BEARER = "bearer";
    public static final String PROBLEM = "Problem";

    private ParleyOpenApi() {
    }

    public static OpenAPI api(String title, String description) {
        return new OpenAPI()
                .info(new Info().title(title).version("v1").description(description))
                .components(new Components().addSchemas(PROBLEM, problemSchema())
                        .addSecuritySchemes(BEARER, new SecurityScheme()
                                .type(SecurityScheme.Type.HTTP)
                                .scheme("bearer")
                                .bearerFormat("JWT")
                                .description("An access token for Parley (its aud) from the configured issuer; its "
                                        + "sub is recorded with every event, its roles claim (facilitator, "
                                        + "party:<id> or observer; none of these is a 403) says what the caller may "
                                        + "do, an optional negotiations claim limits it to those negotiations. The "
                                        + "local stack prints some at start.")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }

    /** A response that is a problem, with {@code description}. */
    public static ApiResponse problem(String description) {
        return new ApiResponse().description(description).content(new Content().addMediaType(
                "application/problem+json", new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
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
}
