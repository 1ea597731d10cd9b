package io.kubejudge.runner.problem;

import io.kubejudge.model.problem.ProblemSpecRules;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;

/**
 * KubeJudge names for Kattis test cases and groups: the path under {@code data/} with '/'
 * turned into '-' ({@code secret/group1/05} is {@code secret-group1-05}). Names must fit the
 * CRD's pattern (at most 63 characters); a longer or clashing name keeps a readable prefix and
 * gets a short hash of the full path, so it stays unique and stable across runs.
 */
final class KattisNames {

    private static final int MAX = 63;
    private final Set<String> used = new HashSet<>();

    String testName(String path) {
        String name = sanitize(path);
        if (name.length() > MAX || !ProblemSpecRules.TEST_NAME.matcher(name).matches() || used.contains(name)) {
            name = hashed(name, path);
        }
        used.add(name);
        return name;
    }

    static String groupName(String path) {
        String name = sanitize(path);
        return name.length() > MAX ? hashed(name, path) : name;
    }

    private static String sanitize(String path) {
        String name = path.replace('/', '-').replaceAll("[^-_.a-zA-Z0-9]", "_");
        if (!name.isEmpty() && !Character.isLetterOrDigit(name.charAt(0))) {
            name = "t" + name;
        }
        return name;
    }

    private static String hashed(String name, String path) {
        String hash = sha1(path).substring(0, 8);
        String prefix = name.length() > MAX - 9 ? name.substring(0, MAX - 9) : name;
        return prefix + "-" + hash;
    }

    private static String sha1(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
