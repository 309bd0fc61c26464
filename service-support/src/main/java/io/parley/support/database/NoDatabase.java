package io.parley.support.database;

/** A service was started without a database URL. */
public class NoDatabase extends RuntimeException {

    private final String variable;

    public NoDatabase(String variable) {
        super("No database: " + variable + " is not set. A service never makes a private database of its own, so"
                + " that two instances can never write to two event stores.", null, false, false);
        this.variable = variable;
    }

    /** The environment variable that names the database. */
    public String variable() {
        return variable;
    }
}
