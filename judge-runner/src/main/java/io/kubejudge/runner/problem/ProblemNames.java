package io.kubejudge.runner.problem;

import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The problem's resource name: the JudgeProblem's metadata.name, the prefix of its ConfigMaps
 * and the value of the {@code kubejudge.io/problem} label, so it must be a DNS-1123 label.
 */
public final class ProblemNames {

    public static final Pattern DNS_LABEL = Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$");
    /** Leaves room for the {@code -data-NN} suffix of the ConfigMaps within 63 characters. */
    public static final int MAX_LENGTH = 55;

    private ProblemNames() {
    }

    /** A valid name made from a directory name: lower case, other characters turned into '-'. */
    public static String fromDirectory(Path dir) throws ProblemException {
        Path fileName = dir.toAbsolutePath().normalize().getFileName();
        String raw = fileName == null ? "" : fileName.toString();
        String name = raw.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (name.length() > MAX_LENGTH) {
            name = name.substring(0, MAX_LENGTH).replaceAll("-+$", "");
        }
        if (name.isEmpty()) {
            throw new ProblemException("cannot derive a problem name from the directory name '" + raw
                    + "': set 'name' in problem.yaml (lower-case letters, digits and '-')");
        }
        return name;
    }

    public static void validate(String name, String where) throws ProblemException {
        if (name.length() > MAX_LENGTH || !DNS_LABEL.matcher(name).matches()) {
            throw new ProblemException(where + ": name '" + name + "' must be a DNS-1123 label of at most " + MAX_LENGTH
                    + " characters (lower-case letters, digits and '-', starting and ending with a letter or digit)");
        }
    }
}
