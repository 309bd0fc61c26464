package io.parley.model.redline;

public enum Verdict {
    /** Every term it reads is agreed (or the open ones cannot change the answer) and it is satisfied. */
    HOLDS,
    /** It fails, whatever the open terms become. */
    VIOLATED,
    /** Whether it holds depends on terms that are not agreed yet. */
    UNDETERMINED
}
