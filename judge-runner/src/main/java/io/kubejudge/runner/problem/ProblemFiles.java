package io.kubejudge.runner.problem;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/** Reading the YAML files of a problem directory, with errors that name the file. */
final class ProblemFiles {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            // timeLimitMs: 1.5 must be an error, not silently 1.
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);

    private ProblemFiles() {
    }

    /** The YAML document in {@code file}, or a missing node when the file is absent or empty. */
    static JsonNode readYaml(Path file, Path problemDir) throws ProblemException {
        if (!Files.isRegularFile(file)) {
            return MissingNode.getInstance();
        }
        try {
            JsonNode node = YAML.readTree(file.toFile());
            if (node == null || node.isNull() || node.isMissingNode()) {
                return MissingNode.getInstance();
            }
            if (!node.isObject()) {
                throw new ProblemException(display(problemDir, file) + ": expected a YAML mapping at the top level, found "
                        + node.getNodeType().name().toLowerCase());
            }
            return node;
        } catch (IOException e) {
            throw new ProblemException(display(problemDir, file) + ": not valid YAML: " + firstLine(e.getMessage()), e);
        }
    }

    static String display(Path problemDir, Path file) {
        try {
            return problemDir.relativize(file).toString();
        } catch (IllegalArgumentException e) {
            return file.toString();
        }
    }

    static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /**
     * Orders names the way people number tests: digit runs compare by value, so {@code 2} comes
     * before {@code 10}; ties fall back to plain string order so the order is total.
     */
    static final Comparator<String> NATURAL_ORDER = (a, b) -> {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char ca = a.charAt(i);
            char cb = b.charAt(j);
            if (Character.isDigit(ca) && Character.isDigit(cb)) {
                int si = i;
                int sj = j;
                while (i < a.length() && Character.isDigit(a.charAt(i))) {
                    i++;
                }
                while (j < b.length() && Character.isDigit(b.charAt(j))) {
                    j++;
                }
                String da = a.substring(si, i).replaceFirst("^0+(?=.)", "");
                String db = b.substring(sj, j).replaceFirst("^0+(?=.)", "");
                int c = da.length() != db.length() ? Integer.compare(da.length(), db.length()) : da.compareTo(db);
                if (c != 0) {
                    return c;
                }
            } else {
                if (ca != cb) {
                    return Character.compare(ca, cb);
                }
                i++;
                j++;
            }
        }
        int c = Integer.compare(a.length() - i, b.length() - j);
        return c != 0 ? c : a.compareTo(b);
    };
}
