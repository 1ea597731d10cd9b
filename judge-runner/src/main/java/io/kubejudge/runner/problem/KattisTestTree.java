package io.kubejudge.runner.problem;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The test data of an ICPC/Kattis package as a tree: {@code data/sample} and {@code data/secret}
 * with nested test data groups. Test cases and subgroups of a group come in lexicographic order
 * of their base names, as the format specifies (so {@code 10} sorts before {@code 2}).
 */
final class KattisTestTree {

    /** Group configuration files, newest format first. */
    static final List<String> CONFIG_FILES = List.of("test_group.yaml", "testdata.yaml");

    sealed interface Node permits Group, Case {
        /** Path relative to {@code data/}, with '/' separators, e.g. {@code secret/group1/05}. */
        String path();
    }

    /**
     * @param config the group's own configuration file (missing node when it has none)
     * @param parent null for {@code data/}
     */
    record Group(String path, Path dir, JsonNode config, String configFile, Group parent, List<Node> children) implements Node {

        // Identity semantics: the tree links parents both ways, record equality would recurse.
        @Override
        public boolean equals(Object o) {
            return this == o;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }

        @Override
        public String toString() {
            return "data/" + path;
        }
        String name() {
            int slash = path.lastIndexOf('/');
            return slash < 0 ? path : path.substring(slash + 1);
        }

        List<Case> cases() {
            List<Case> out = new ArrayList<>();
            collect(this, out);
            return out;
        }

        private static void collect(Group g, List<Case> out) {
            for (Node n : g.children) {
                if (n instanceof Case c) {
                    out.add(c);
                } else {
                    collect((Group) n, out);
                }
            }
        }
    }

    record Case(String path, Path input, Path answer, Group parent) implements Node {

        // Identity semantics: the tree links parents both ways, record equality would recurse.
        @Override
        public boolean equals(Object o) {
            return this == o;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }

        @Override
        public String toString() {
            return "data/" + path;
        }
    }

    private KattisTestTree() {
    }

    /** Reads {@code data/} (only its {@code sample} and {@code secret} groups: the others are for validation). */
    static Group read(Path problemDir) throws ProblemException {
        Path data = problemDir.resolve("data");
        if (!Files.isDirectory(data)) {
            throw new ProblemException("data/: missing: an ICPC/Kattis package keeps its tests in data/sample and data/secret");
        }
        Group root = group("", data, null, problemDir);
        for (String top : List.of("sample", "secret")) {
            Path dir = data.resolve(top);
            if (Files.isDirectory(dir)) {
                root.children().add(readGroup(top, dir, root, problemDir));
            }
        }
        Group secret = root.children().stream().filter(n -> n.path().equals("secret")).map(n -> (Group) n)
                .findFirst().orElseThrow(() -> new ProblemException("data/secret/: missing: an ICPC/Kattis package needs secret test data"));
        if (secret.cases().isEmpty()) {
            throw new ProblemException("data/secret/: no test cases (<name>.in with <name>.ans)");
        }
        return root;
    }

    private static Group group(String path, Path dir, Group parent, Path problemDir) throws ProblemException {
        JsonNode config = null;
        String configFile = null;
        for (String name : CONFIG_FILES) {
            Path f = dir.resolve(name);
            if (Files.isRegularFile(f)) {
                config = ProblemFiles.readYaml(f, problemDir);
                configFile = ProblemFiles.display(problemDir, f);
                break;
            }
        }
        return new Group(path, dir, config == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : config,
                configFile, parent, new ArrayList<>());
    }

    private static Group readGroup(String path, Path dir, Group parent, Path problemDir) throws ProblemException {
        Group g = group(path, dir, parent, problemDir);
        // Base name -> entry, so test cases and subgroups interleave in one lexicographic order.
        TreeMap<String, Path> entries = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String name = f.getFileName().toString();
                if (name.startsWith(".")) {
                    continue;
                }
                if (Files.isDirectory(f)) {
                    if (name.endsWith(".files")) {
                        throw new ProblemException("data/" + path + "/" + name
                                + ": test case files (.files directories) are not supported");
                    }
                    putUnique(entries, name, f, path);
                } else if (name.endsWith(".in")) {
                    putUnique(entries, name.substring(0, name.length() - 3), f, path);
                }
            }
        } catch (IOException e) {
            throw new ProblemException("data/" + path + "/: cannot list: " + e.getMessage(), e);
        }
        for (var e : entries.entrySet()) {
            String childPath = path + "/" + e.getKey();
            Path f = e.getValue();
            if (Files.isDirectory(f)) {
                if (path.equals("sample")) {
                    throw new ProblemException("data/sample/" + e.getKey() + "/: data/sample must not contain test groups");
                }
                g.children().add(readGroup(childPath, f, g, problemDir));
            } else {
                Path answer = f.resolveSibling(e.getKey() + ".ans");
                if (!Files.isRegularFile(answer)) {
                    throw new ProblemException("data/" + childPath + ".in has no matching data/" + childPath + ".ans");
                }
                g.children().add(new Case(childPath, f, answer, g));
            }
        }
        return g;
    }

    private static void putUnique(TreeMap<String, Path> entries, String base, Path f, String path) throws ProblemException {
        if (entries.put(base, f) != null) {
            throw new ProblemException("data/" + path + "/" + base
                    + ": a test case and a test group have the same name (the format forbids it)");
        }
    }
}
