package io.kubejudge.runner.problem;

import static io.kubejudge.runner.problem.ProblemDirs.test;
import static io.kubejudge.runner.problem.ProblemDirs.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** problemtools' rule: max(1, ceil(slowest x ac_to_time_limit / time_resolution)) x time_resolution. */
class KattisTimeLimitTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} s with ''{1}'' -> {2} s")
    @CsvSource(delimiter = '|', value = {
            "0.012 | name: x                                                          | 1",
            "0.3   | name: x                                                          | 2",
            "0.2   | name: x                                                          | 1",
            "1.1   | 'limits: {time_multiplier: 3}'                                   | 4",
            "0.3   | 'problem_format_version: 2023-07-draft'                          | 1",
            "0.7   | 'problem_format_version: 2023-07-draft'                          | 2",
            "0.3   | 'problem_format_version: 2023-07-draft\\nlimits: {time_resolution: 0.5}' | 1",
            "0.8   | 'problem_format_version: 2023-07-draft\\nlimits: {time_resolution: 0.5}' | 2",
            "0.01  | 'problem_format_version: 2023-07-draft\\nlimits: {time_resolution: 0.5}' | 0.5",
            "1.5   | 'problem_format_version: 2023-07-draft\\nlimits: {time_multipliers: {ac_to_time_limit: 3}}' | 5"})
    void derivesAsProblemtools(double slowest, String yaml, double expected) throws Exception {
        Path p = dir.resolve("p" + System.nanoTime());
        write(p, "problem.yaml", yaml.replace("\\n", "\n") + "\n");
        test(p, "data/secret", "1", "", "");

        KattisTimeLimit.Derived d = KattisTimeLimit.derive(p, slowest);
        KattisTimeLimit.record(p, d);

        assertThat(d.seconds()).isEqualTo(expected);
        assertThat(ProblemLoader.load(p).spec().getTimeLimitMs()).isEqualTo((int) Math.round(expected * 1000));
    }

    @Test
    void onlyAPackageWithoutAnAuthorsLimitIsDerived() throws Exception {
        Path p = dir.resolve("pkg");
        write(p, "problem.yaml", "name: x\n");
        test(p, "data/secret", "1", "", "");
        assertThat(KattisTimeLimit.isDerived(p)).isTrue();
        write(p, ".timelimit", "3\n");
        assertThat(KattisTimeLimit.isDerived(p)).as("an earlier verify's .timelimit is derived again").isTrue();
        write(p, "domjudge-problem.ini", "timelimit = '2'\n");
        assertThat(KattisTimeLimit.isDerived(p)).isFalse();
        Files.delete(p.resolve("domjudge-problem.ini"));
        write(p, "problem.yaml", "name: x\nlimits: {time_limit: 2}\n");
        assertThat(KattisTimeLimit.isDerived(p)).isFalse();
    }
}
