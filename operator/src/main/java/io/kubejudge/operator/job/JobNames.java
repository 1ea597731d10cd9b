package io.kubejudge.operator.job;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Deterministic names of a judging's Job and source ConfigMap: {@code <submission>-<attempt>}, or
 * {@code <submission>-r<rejudge>-<attempt>} after a rejudge. Being a function of the status alone is
 * what prevents a second Job for the same attempt after an operator restart.
 */
public final class JobNames {
    /** Job names end up in the pods' job-name label, whose values are limited to 63 characters. */
    static final int MAX_LENGTH = 63;

    private JobNames() {
    }

    public static String job(String submission, int rejudge, int attempt) {
        String suffix = (rejudge > 0 ? "-r" + rejudge : "") + "-" + attempt;
        if (submission.length() + suffix.length() <= MAX_LENGTH) {
            return submission + suffix;
        }
        String hash = sha256(submission).substring(0, 8);
        String head = submission.substring(0, MAX_LENGTH - suffix.length() - hash.length() - 1);
        head = head.replaceAll("[-.]+$", "");
        return head + "-" + hash + suffix;
    }

    /** The source ConfigMap shares the Job's name: one per attempt, so a Job never sees another's source. */
    public static String sourceConfigMap(String jobName) {
        return jobName;
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
