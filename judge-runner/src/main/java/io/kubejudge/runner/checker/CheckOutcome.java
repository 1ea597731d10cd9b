package io.kubejudge.runner.checker;

import io.kubejudge.model.result.Verdict;

/**
 * What a checker decided about one output.
 *
 * @param fraction share of the test's points awarded, 0..1 (1 for accepted, testlib's partial points otherwise)
 * @param message  a short explanation for the user, or null
 */
public record CheckOutcome(Verdict verdict, double fraction, String message) {

    public static CheckOutcome accepted() {
        return new CheckOutcome(Verdict.ACCEPTED, 1.0, null);
    }

    public static CheckOutcome wrong(String message) {
        return new CheckOutcome(Verdict.WRONG_ANSWER, 0.0, message);
    }
}
