package io.parley.model.scenario;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.model.json.EventJson;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The scenarios shipped as resources under {@code scenarios/}, by id. */
public final class Scenarios {

    /** Every shipped scenario; add a file under {@code scenarios/} and its id here. */
    public static final List<String> IDS = List.of("ukraine-2025");

    private static final Map<String, Scenario> BY_ID = IDS.stream()
            .map(Scenarios::load)
            .collect(Collectors.toUnmodifiableMap(Scenario::id, Function.identity()));

    private Scenarios() {
    }

    public static Optional<Scenario> find(String id) {
        return Optional.ofNullable(id == null ? null : BY_ID.get(id));
    }

    public static List<Scenario> all() {
        return IDS.stream().map(BY_ID::get).toList();
    }

    private static Scenario load(String id) {
        ObjectMapper mapper = EventJson.mapper();
        try (InputStream in = Scenarios.class.getResourceAsStream("/scenarios/" + id + ".json")) {
            if (in == null) {
                throw new IllegalStateException("scenario resource missing: scenarios/" + id + ".json");
            }
            Scenario scenario = mapper.readValue(in, Scenario.class);
            if (!id.equals(scenario.id())) {
                throw new IllegalStateException("scenarios/" + id + ".json declares id " + scenario.id());
            }
            return scenario;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read scenario " + id, e);
        }
    }
}
