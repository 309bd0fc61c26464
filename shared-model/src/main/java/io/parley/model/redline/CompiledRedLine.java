package io.parley.model.redline;

import java.util.Set;

/** A type-checked red line, ready to evaluate against deals of its catalogue. Immutable and thread-safe. */
public interface CompiledRedLine {

    String expression();

    /** The ids of the terms it reads. */
    Set<String> termsRead();
}
