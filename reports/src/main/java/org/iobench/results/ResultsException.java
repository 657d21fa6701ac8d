package org.iobench.results;

/**
 * Input the tools cannot use (missing folder or file, malformed JSON, incompatible runs). Carries a
 * one-line reason meant for a person; the command-line tools print it and exit 2, never a stack trace.
 */
public final class ResultsException extends Exception {
    public ResultsException(String reason) {
        super(reason);
    }
}
