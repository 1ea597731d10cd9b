package io.kubejudge.runner.language;

import java.util.List;

/**
 * C++20 with the GNU extensions: chosen by id only (a {@code .cpp} file alone means C++17, the
 * language listed first).
 */
public class Cpp20Language extends CppLanguage {

    @Override
    public String id() {
        return "cpp20";
    }

    @Override
    public String displayName() {
        return "C++20 (GNU)";
    }

    @Override
    public List<String> kattisCodes() {
        return List.of("cpp20");
    }

    @Override
    protected List<String> standardFlags() {
        return List.of("-std=gnu++20", "-O2", "-pipe");
    }
}
