package io.kubejudge.testcluster.kubelet;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A container's view of the file system, approximated without a mount namespace: each mount path
 * (volume mounts and the termination message path) stands for a host directory or file, and a
 * container path in the command, args, env values or working directory is rewritten to the host
 * path. A container path is recognised where a path can start — at the start of a value or after
 * whitespace, {@code =}, a quote or a shell operator, so {@code --result=/dev/termination-log} and
 * {@code sh -c "echo x > /work/out"} both work — and must end at a path boundary; the longest
 * matching mount wins, as in a real mount table. One pass: a rewritten host path is never
 * rewritten again. A path that no mount covers is left alone (and would reach the host's file).
 */
public final class PathRewriter {

    private final Map<String, Path> mounts = new LinkedHashMap<>();

    public PathRewriter mount(String containerPath, Path hostPath) {
        mounts.put(stripTrailingSlash(containerPath), hostPath);
        return this;
    }

    public Map<String, Path> mounts() {
        return Map.copyOf(mounts);
    }

    public List<String> rewriteAll(List<String> values) {
        List<String> out = new ArrayList<>(values.size());
        for (String v : values) {
            out.add(rewrite(v));
        }
        return out;
    }

    public String rewrite(String value) {
        if (value == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(value.length());
        int i = 0;
        while (i < value.length()) {
            String mount = value.charAt(i) == '/' && (i == 0 || BEFORE.indexOf(value.charAt(i - 1)) >= 0)
                    ? longestMountAt(value, i) : null;
            if (mount == null) {
                out.append(value.charAt(i++));
            } else {
                out.append(mounts.get(mount));
                i += mount.length();
            }
        }
        return out.toString();
    }

    private static final String BEFORE = " \t\n=\"'(:;,<>|&`";
    private static final String AFTER = "/ \t\n\"')(:;,<>|&`";

    private String longestMountAt(String value, int at) {
        return mounts.keySet().stream()
                .filter(m -> value.startsWith(m, at)
                        && (at + m.length() == value.length() || AFTER.indexOf(value.charAt(at + m.length())) >= 0))
                .max(Comparator.comparingInt(String::length))
                .orElse(null);
    }

    private static String stripTrailingSlash(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
