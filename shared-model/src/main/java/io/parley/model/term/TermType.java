package io.parley.model.term;

/** The kinds of value domain a term can have (see the API's table of term types). */
public enum TermType {
    ENUM, ENUM_SET, INTEGER, NUMBER, BOOLEAN, TEXT, STRUCT
}
