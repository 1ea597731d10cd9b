package io.kubejudge.runner.judge;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubejudge.model.result.TestResult;
import io.kubejudge.model.result.Verdict;
import io.kubejudge.model.v1alpha1.TestCase;
import io.kubejudge.runner.checker.CheckOutcome;
import io.kubejudge.runner.sandbox.LaunchStatus;
import io.kubejudge.runner.sandbox.Measurement;
import org.junit.jupiter.api.Test;

/** problemtools' rule table for an interactive test, case by case. */
class InteractiveVerdictTest {

    static final TestCase TEST = new TestCase("t", 10.0);
    static final CheckOutcome ACCEPTS = new CheckOutcome(Verdict.ACCEPTED, 1.0, "correct");
    static final CheckOutcome REJECTS = new CheckOutcome(Verdict.WRONG_ANSWER, 0.0, "too many questions");
    static final CheckOutcome CRASHED = new CheckOutcome(Verdict.SYSTEM_ERROR, 0.0, "the interactor was killed by signal 6");

    static Measurement m(LaunchStatus status, boolean interactorFirst, boolean killed) {
        return new Measurement("t", status, status == LaunchStatus.OK ? 0 : null, status == LaunchStatus.OK ? null : 9, 5, 10, 100,
                true, "", false, new Measurement.InteractorEnd(killed ? null : 42, killed ? 9 : null, 1, interactorFirst, killed, 1024,
                false));
    }

    static TestResult program(Verdict verdict) {
        return new TestResult("t", verdict, 5L, 100L, verdict == null ? 0 : null, verdict == null ? null : 9,
                verdict == null ? null : 0.0, verdict == null ? null : "limit");
    }

    @Test
    void anAcceptingInteractorAndAProgramThatExitedNormallyIsAccepted() {
        TestResult r = InteractiveVerdict.decide(TEST, m(LaunchStatus.OK, true, false), program(null), ACCEPTS);
        assertThat(r.verdict()).isEqualTo(Verdict.ACCEPTED);
        assertThat(r.points()).isEqualTo(10.0);
        assertThat(r.message()).isEqualTo("correct");
        assertThat(r.timeMs()).isEqualTo(5L);
    }

    @Test
    void anEarlyRejectionWinsOverWhatTheProgramDidNext() {
        TestResult r = InteractiveVerdict.decide(TEST, m(LaunchStatus.TLE, true, false), program(Verdict.TIME_LIMIT_EXCEEDED), REJECTS);
        assertThat(r.verdict()).isEqualTo(Verdict.WRONG_ANSWER);
        assertThat(r.points()).isZero();
    }

    @Test
    void aLateRejectionLosesToTheProgramsOwnFailure() {
        TestResult r = InteractiveVerdict.decide(TEST, m(LaunchStatus.RE, false, false), program(Verdict.RUNTIME_ERROR), REJECTS);
        assertThat(r.verdict()).isEqualTo(Verdict.RUNTIME_ERROR);
        // and a program that exited 0 early is judged by the rejection
        assertThat(InteractiveVerdict.decide(TEST, m(LaunchStatus.OK, false, false), program(null), REJECTS).verdict())
                .isEqualTo(Verdict.WRONG_ANSWER);
    }

    @Test
    void anAcceptingInteractorDoesNotHideTheProgramsCrash() {
        TestResult r = InteractiveVerdict.decide(TEST, m(LaunchStatus.RE, true, false), program(Verdict.RUNTIME_ERROR), ACCEPTS);
        assertThat(r.verdict()).isEqualTo(Verdict.RUNTIME_ERROR);
    }

    @Test
    void aBrokenInteractorIsASystemErrorWhateverTheProgramDid() {
        assertThat(InteractiveVerdict.decide(TEST, m(LaunchStatus.TLE, false, false), program(Verdict.TIME_LIMIT_EXCEEDED), CRASHED)
                .verdict()).isEqualTo(Verdict.SYSTEM_ERROR);
        assertThat(InteractiveVerdict.decide(TEST, m(LaunchStatus.OK, true, false), program(null), CRASHED).message())
                .contains("signal 6");
    }

    @Test
    void anInteractorStillRunningAtTheWallLimit() {
        // both waiting: the program's time limit
        assertThat(InteractiveVerdict.decide(TEST, m(LaunchStatus.TLE, false, true), program(Verdict.TIME_LIMIT_EXCEEDED), null)
                .verdict()).isEqualTo(Verdict.TIME_LIMIT_EXCEEDED);
        // the program had ended normally: problemtools assumes the interactor rejected
        TestResult r = InteractiveVerdict.decide(TEST, m(LaunchStatus.OK, false, true), program(null), null);
        assertThat(r.verdict()).isEqualTo(Verdict.WRONG_ANSWER);
        assertThat(r.message()).contains("had not finished");
    }

    @Test
    void theLaunchersOwnFailureStaysASystemError() {
        TestResult se = program(Verdict.SYSTEM_ERROR);
        assertThat(InteractiveVerdict.decide(TEST, m(LaunchStatus.SE, false, false), se, ACCEPTS)).isSameAs(se);
    }
}
