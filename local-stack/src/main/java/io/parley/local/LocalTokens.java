package io.parley.local;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The tokens the local stack hands out at every start, ready to paste: the facilitator, each party of the reference
 * scenario ({@code ukraine-2025}) and an observer, valid for {@link LocalSigningKey#VALIDITY}.
 *
 * @param byName token by holder name: {@code facilitator}, {@code UA}, {@code RU}, {@code US}, {@code EU},
 *               {@code observer}, in that order
 */
public record LocalTokens(Map<String, String> byName, Instant expires) {

    /** Who gets a token: the name it is listed under, its subject and its role. */
    record Holder(String name, String subject, String role) {
    }

    static final List<Holder> HOLDERS = List.of(
            new Holder("facilitator", "local-facilitator", "facilitator"),
            new Holder("UA", "local-ua", "party:UA"),
            new Holder("RU", "local-ru", "party:RU"),
            new Holder("US", "local-us", "party:US"),
            new Holder("EU", "local-eu", "party:EU"),
            new Holder("observer", "local-observer", "observer"));

    public LocalTokens {
        byName = Collections.unmodifiableMap(new LinkedHashMap<>(byName));
    }

    public static LocalTokens mint(LocalSigningKey key, Instant now) {
        Map<String, String> tokens = new LinkedHashMap<>();
        for (Holder holder : HOLDERS) {
            tokens.put(holder.name(), key.sign(holder.subject(), holder.role(), List.of(), now));
        }
        return new LocalTokens(tokens, now.plus(LocalSigningKey.VALIDITY));
    }

    public String get(String name) {
        return byName.get(name);
    }

    /**
     * {@code {"facilitator": "eyJ…", "UA": "eyJ…", ...}} on one line. Tokens are base64url parts joined by dots, so
     * they need no escaping.
     */
    public String json() {
        return byName.entrySet().stream()
                .map(e -> "\"" + e.getKey() + "\": \"" + e.getValue() + "\"")
                .collect(Collectors.joining(", ", "{", "}\n"));
    }

    /** Writes {@link #json()} to a file only its owner can read. */
    public void writeTo(Path file) {
        PrivateFiles.write(file, json());
    }

    /** One line per holder, names aligned: {@code   UA           eyJ…}. */
    String lines() {
        int width = byName.keySet().stream().mapToInt(String::length).max().orElse(0);
        StringBuilder text = new StringBuilder();
        byName.forEach((name, token) ->
                text.append("  ").append(name).append(" ".repeat(width - name.length() + 2)).append(token).append('\n'));
        return text.toString();
    }
}
