package io.kubejudge.runner.language;

import io.kubejudge.model.result.Language;
import java.util.List;

/** C++17 with g++ -O2. */
public class CppLanguage extends CLanguage {

    @Override
    public Language language() {
        return Language.CPP;
    }

    @Override
    public List<String> extensions() {
        return List.of(".cpp", ".cc", ".cxx");
    }

    @Override
    protected String compiler() {
        return "g++";
    }

    @Override
    protected List<String> standardFlags() {
        return List.of("-std=c++17", "-O2", "-pipe");
    }

    @Override
    public List<String> outOfMemoryMarkers() {
        return List.of("std::bad_alloc");
    }
}
