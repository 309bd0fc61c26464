package io.parley.command.http;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.PostMapping;

/** The OpenAPI document at /v3/api-docs: the service, and the headers every write reads. */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

    @Bean
    public OpenAPI commandServiceApi() {
        return new OpenAPI().info(new Info()
                .title("Parley command-service")
                .version("v1")
                .description("Writes: open negotiations, make moves, sign, collapse. Every error is "
                        + "application/problem+json with type urn:parley:problem:<code>."));
    }

    @Bean
    public OperationCustomizer writeHeaders() {
        return (operation, handler) -> {
            if (handler.hasMethodAnnotation(PostMapping.class)) {
                operation.addParametersItem(header(WriteRequest.ACTOR_HEADER, true,
                        "Who acts: a party id, or facilitator"));
                operation.addParametersItem(header(WriteRequest.IF_MATCH_HEADER, false,
                        "The version the caller last saw, e.g. \"3\"; 412 when the negotiation has moved on"));
                operation.addParametersItem(header(WriteRequest.IDEMPOTENCY_KEY_HEADER, false,
                        "1 to 128 characters; repeating the request with the same key returns the first answer"));
                operation.addParametersItem(header(CorrelationIdFilter.HEADER, false,
                        "Stored on the events this request causes; generated when absent"));
            }
            return operation;
        };
    }

    private static HeaderParameter header(String name, boolean required, String description) {
        HeaderParameter parameter = new HeaderParameter();
        parameter.name(name).required(required).description(description).schema(new StringSchema());
        return parameter;
    }
}
