package io.kubejudge.runner.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A command's arguments: positionals, {@code --option value} and {@code --flag}, checked against what the command knows. */
final class Args {

    private final List<String> positional = new ArrayList<>();
    private final Map<String, String> options = new HashMap<>();

    private Args() {
    }

    static Args parse(List<String> args, Set<String> valueOptions, Set<String> flags) throws CliException {
        Args parsed = new Args();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.startsWith("--") && a.length() > 2) {
                String name = a.substring(2);
                String value = null;
                int eq = name.indexOf('=');
                if (eq >= 0) {
                    value = name.substring(eq + 1);
                    name = name.substring(0, eq);
                }
                if (flags.contains(name) && value == null) {
                    parsed.options.put(name, "true");
                } else if (valueOptions.contains(name)) {
                    if (value == null) {
                        if (i + 1 >= args.size()) {
                            throw CliException.usage("option --" + name + " needs a value");
                        }
                        value = args.get(++i);
                    }
                    parsed.options.put(name, value);
                } else {
                    throw CliException.usage("unknown option --" + name);
                }
            } else {
                parsed.positional.add(a);
            }
        }
        return parsed;
    }

    List<String> positional() {
        return positional;
    }

    boolean flag(String name) {
        return options.containsKey(name);
    }

    Optional<String> option(String name) {
        return Optional.ofNullable(options.get(name));
    }

    String required(String name) throws CliException {
        String value = options.get(name);
        if (value == null || value.isBlank()) {
            throw CliException.usage("missing --" + name);
        }
        return value;
    }

    /** A directory that must exist. */
    Path existingDir(String name) throws CliException {
        // Absolute: the steps run tools from other working directories.
        Path p = Path.of(required(name)).toAbsolutePath().normalize();
        if (!Files.isDirectory(p)) {
            throw CliException.usage("--" + name + " " + p + ": not a directory");
        }
        return p;
    }
}
