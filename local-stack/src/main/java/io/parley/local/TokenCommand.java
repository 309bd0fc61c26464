package io.parley.local;

import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.parley.model.access.Caller;
import io.parley.model.negotiation.Party;

/**
 * {@code ./run.sh token <role> [negotiationId ...]}: one more token signed by the local stack's key, for a role the
 * ready-made ones do not cover or limited to named negotiations. Starts nothing; prints the token alone on standard
 * output, so that {@code TOKEN=$(./run.sh token party:UA)} works.
 */
final class TokenCommand {

    static final String USAGE = "usage: ./run.sh token <role> [negotiationId ...]\n"
            + "  role: facilitator, observer or party:<id> (e.g. party:UA)\n"
            + "  negotiation ids limit the token to those negotiations (forks included only when named)";

    static final int REFUSED = 1;
    static final int BAD_ARGUMENTS = 2;

    private TokenCommand() {
    }

    /** Returns the process exit status: 0 with the token printed, else a message on {@code err}. */
    static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
        if (args.isEmpty() || args.get(0).equals("-h") || args.get(0).equals("--help")) {
            err.println(USAGE);
            return args.isEmpty() ? BAD_ARGUMENTS : 0;
        }
        StackSettings settings;
        try {
            settings = StackSettings.authOnly(env);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return BAD_ARGUMENTS;
        }
        if (settings.auth() == StackSettings.Auth.EXTERNAL_ISSUER) {
            String[] trusted = settings.externalIssuer().orElseThrow().split(" ", 2);
            err.println("The services trust tokens from " + trusted[1] + " (" + trusted[0] + " is set): get tokens"
                    + " from that issuer. Local tokens are only for the stack's own key.");
            return REFUSED;
        }

        String role = args.get(0).trim();
        Optional<String> subject = subjectFor(role);
        if (subject.isEmpty()) {
            err.println("Not a role: '" + role + "'. " + USAGE);
            return BAD_ARGUMENTS;
        }
        List<String> negotiations = new ArrayList<>();
        for (String id : args.subList(1, args.size())) {
            Optional<String> canonical = negotiationId(id);
            if (canonical.isEmpty()) {
                err.println("Not a negotiation id: '" + id + "' (ids look like the one POST /api/negotiations"
                        + " returns, e.g. 6f1c2b9e-1d7a-4c55-9a0e-3b1f2d4c5e6f)");
                return BAD_ARGUMENTS;
            }
            negotiations.add(canonical.get());
        }

        Optional<LocalSigningKey> key;
        try {
            key = LocalSigningKey.load(settings.authDir());
        } catch (RuntimeException e) {
            err.println(e.getMessage());
            return REFUSED;
        }
        if (key.isEmpty()) {
            err.println("There is no local signing key in " + settings.authDir() + " yet: start the stack once"
                    + " (./run.sh), which creates it, then ask again.");
            return REFUSED;
        }
        out.println(key.get().sign(subject.get(), normalised(role), negotiations, Instant.now()));
        return 0;
    }

    /** {@code local-facilitator}, {@code local-observer}, {@code local-ua}; empty when the role is not one. */
    static Optional<String> subjectFor(String role) {
        String lower = role.toLowerCase(Locale.ROOT);
        if (lower.equals(Caller.FACILITATOR) || lower.equals(Caller.OBSERVER)) {
            return Optional.of("local-" + lower);
        }
        if (lower.startsWith(Caller.PARTY_PREFIX)
                && Party.ID.matcher(role.substring(Caller.PARTY_PREFIX.length())).matches()) {
            return Optional.of("local-" + lower.substring(Caller.PARTY_PREFIX.length()));
        }
        return Optional.empty();
    }

    /** The role as the ready-made tokens write it: {@code facilitator}, {@code observer}, {@code party:UA}. */
    private static String normalised(String role) {
        String lower = role.toLowerCase(Locale.ROOT);
        if (lower.equals(Caller.FACILITATOR) || lower.equals(Caller.OBSERVER)) {
            return lower;
        }
        return Caller.PARTY_PREFIX + role.substring(Caller.PARTY_PREFIX.length());
    }

    /** The id as the services write it (lower case): the claim is compared with the path's id as it stands. */
    private static Optional<String> negotiationId(String id) {
        try {
            String canonical = UUID.fromString(id.trim()).toString();
            return canonical.equalsIgnoreCase(id.trim()) ? Optional.of(canonical) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
