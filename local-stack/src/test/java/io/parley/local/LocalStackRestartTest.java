package io.parley.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code ./run.sh} promises about tokens, on the real stack: they work, and they outlive a restart. */
class LocalStackRestartTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dataDir;

    @Test
    void theTokensPrintedAtOneStartStillWorkAfterARestartAndEveryStartPrintsFreshOnes() throws Exception {
        String uaBefore;
        String facilitatorBefore;
        LocalStack first = new LocalStack(anyFreePorts());
        try {
            first.start();
            JsonNode file = new ObjectMapper().readTree(dataDir.resolve("local-tokens.json").toFile());
            uaBefore = file.get("UA").asText();
            facilitatorBefore = file.get("facilitator").asText();
            assertThat(first.tokens().orElseThrow().get("UA")).isEqualTo(uaBefore);

            assertThat(status(first.queryServicePort(), "/api/negotiations", uaBefore)).isEqualTo(200);
            assertThat(status(first.queryServicePort(), "/api/negotiations", null)).isEqualTo(401);
            assertThat(first.banner(1000))
                    .contains("authentication   bearer tokens signed by this stack's key in " + dataDir.resolve("local-auth"))
                    .contains("  UA           " + uaBefore + "\n");
        } finally {
            first.stop();
        }

        LocalStack second = new LocalStack(anyFreePorts());
        try {
            second.start();

            assertThat(second.signingKey().orElseThrow().created()).isFalse();
            assertThat(status(second.queryServicePort(), "/api/negotiations", uaBefore)).isEqualTo(200);
            assertThat(openUkraine(second.commandServicePort(), facilitatorBefore)).isEqualTo(201);
            String uaNow = new ObjectMapper().readTree(Files.readString(dataDir.resolve("local-tokens.json")))
                    .get("UA").asText();
            assertThat(uaNow).isNotEqualTo(uaBefore).isEqualTo(second.tokens().orElseThrow().get("UA"));
            assertThat(status(second.queryServicePort(), "/api/negotiations", uaNow)).isEqualTo(200);
        } finally {
            second.stop();
        }
    }

    private StackSettings anyFreePorts() {
        return new StackSettings(dataDir, 0, Optional.empty(), Optional.empty(), Optional.empty(), 0, 0);
    }

    private static int status(int port, String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static int openUkraine(int port, String token) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/negotiations"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"scenario\": \"ukraine-2025\"}"))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
