package io.parley.command.http;

import io.parley.command.support.Api;
import io.parley.command.support.ApiTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.parley.command.support.Problem.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A script on a flaky network sends the same write again with the same Idempotency-Key: it gets the first answer
 * and the negotiation does not change twice.
 */
class IdempotencyKeyTest extends ApiTest {

    private static final int THREADS = 8;

    @Autowired
    private IdempotencyCleanup cleanup;

    private static String newKey() {
        return "key-" + UUID.randomUUID();
    }

    private Api.Response proposeWithKey(String id, String key, int value) {
        return api.post("/api/negotiations/" + id + "/moves").as("UA").header("Idempotency-Key", key)
                .json("{\"party\": \"UA\", \"kind\": \"PROPOSE\", \"term\": \"army_cap\", \"value\": %d}".formatted(value))
                .send();
    }

    @Test
    void aRepeatedMoveGetsTheFirstAnswerAndAppendsNothing() {
        String id = openTwoPartyTable();
        String key = newKey();

        Api.Response first = proposeWithKey(id, key, 100_000);
        Api.Response again = proposeWithKey(id, key, 100_000);

        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.json()).isEqualTo(first.json());
        assertThat(again.header("ETag")).isEqualTo(first.header("ETag")).contains("\"2\"");
        assertThat(again.header("Idempotent-Replayed")).contains("true");
        assertThat(store.count(id)).isEqualTo(2);
        assertThat(store.events(id).get(1).metaData().path("idempotencyKey").asText()).isEqualTo(key);
    }

    @Test
    void aRepeatedOpeningGetsTheSameNegotiationBackWithItsLocation() {
        String key = newKey();
        long before = store.countAll();

        Api.Response first = api.post("/api/negotiations").as("facilitator").header("Idempotency-Key", key)
                .json(TWO_PARTY_TABLE).send();
        Api.Response again = api.post("/api/negotiations").as("facilitator").header("Idempotency-Key", key)
                .json(TWO_PARTY_TABLE).send();

        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.json()).isEqualTo(first.json());
        assertThat(again.header("Location")).isEqualTo(first.header("Location")).isPresent();
        assertThat(store.countAll()).isEqualTo(before + 1);
    }

    @Test
    void theSameKeyForADifferentRequestIsRefused() {
        String id = openTwoPartyTable();
        String key = newKey();
        proposeWithKey(id, key, 100_000);

        Api.Response refused = proposeWithKey(id, key, 90_000);

        assertProblem(refused, 422, "idempotency-key-reused");
        assertThat(store.count(id)).isEqualTo(2);
    }

    @Test
    void keysBelongToTheirActor() {
        String id = openTwoPartyTable();
        String key = newKey();
        proposeWithKey(id, key, 100_000);

        Api.Response russia = api.post("/api/negotiations/" + id + "/moves").as("RU").header("Idempotency-Key", key)
                .json("{\"party\": \"RU\", \"kind\": \"PROPOSE\", \"term\": \"army_cap\", \"value\": 50000}").send();

        assertThat(russia.status()).isEqualTo(201);
        assertThat(store.count(id)).isEqualTo(3);
    }

    @Test
    void aRefusedRequestRecordsNothingSoItCanBeRetriedWithTheSameKey() {
        String id = openTwoPartyTable();
        propose(id, "RU", "nato_membership", "\"RENOUNCED\"");
        String key = newKey();
        String body = "{\"party\": \"UA\", \"kind\": \"PROPOSE\", \"term\": \"army_cap\", \"value\": 1}";

        Api.Response stale = api.post("/api/negotiations/" + id + "/moves").as("UA").header("Idempotency-Key", key)
                .header("If-Match", "\"1\"").json(body).send();
        Api.Response retried = api.post("/api/negotiations/" + id + "/moves").as("UA").header("Idempotency-Key", key)
                .header("If-Match", "\"2\"").json(body).send();

        assertProblem(stale, 412, "stale-version");
        assertThat(retried.status()).isEqualTo(201);
        assertThat(retried.header("Idempotent-Replayed")).isEmpty();
        assertThat(store.count(id)).isEqualTo(3);
    }

    @Test
    void identicalRequestsAtTheSameMomentAppendOnceAndAllGetTheSameAnswer() throws Exception {
        String id = openTwoPartyTable();
        String key = newKey();

        List<Api.Response> answers = all(THREADS, () -> proposeWithKey(id, key, 100_000));

        assertThat(answers).extracting(Api.Response::status).containsOnly(201);
        assertThat(answers).extracting(r -> r.json().path("moveId").asText()).containsOnly(answers.get(0).json().path("moveId").asText());
        assertThat(store.count(id)).isEqualTo(2);
    }

    @Test
    void identicalOpeningsAtTheSameMomentOpenOneNegotiation() throws Exception {
        String key = newKey();

        List<Api.Response> answers = all(THREADS, () -> api.post("/api/negotiations").as("facilitator")
                .header("Idempotency-Key", key).json(TWO_PARTY_TABLE).send());

        assertThat(answers).extracting(Api.Response::status).containsOnly(201);
        String id = answers.get(0).json().path("id").asText();
        assertThat(answers).extracting(r -> r.json().path("id").asText()).containsOnly(id);
        assertThat(store.count(id)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM idempotency_record WHERE idempotency_key = ?",
                Long.class, key)).isEqualTo(1);
    }

    @Test
    void answersOlderThanTheRetentionAreForgotten() {
        String id = openTwoPartyTable();
        String key = newKey();
        proposeWithKey(id, key, 100_000);
        jdbc.update("UPDATE idempotency_record SET created_at = ? WHERE idempotency_key = ?",
                OffsetDateTime.ofInstant(Instant.now().minus(25, ChronoUnit.HOURS), ZoneOffset.UTC), key);

        assertThat(cleanup.forgetExpiredAnswers()).isGreaterThanOrEqualTo(1);

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM idempotency_record WHERE idempotency_key = ?",
                Long.class, key)).isZero();
    }

    /** Runs {@code request} on {@code threads} threads released at the same moment. */
    static <T> List<T> all(int threads, Callable<T> request) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return request.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
