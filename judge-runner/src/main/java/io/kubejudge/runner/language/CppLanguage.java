package io.kubejudge.runner.language;

import java.util.List;

/** C++17 with the GNU extensions, g++ -O2. */
public class CppLanguage extends CLanguage {

    @Override
    public String id() {
        return "cpp";
    }

    @Override
    public String displayName() {
        return "C++17 (GNU)";
    }

    @Override
    public List<String> imagePackages() {
        return List.of("g++", "libc6-dev");
    }

    @Override
    public List<String> kattisCodes() {
        return List.of("cpp", "c++");
    }

    @Override
    public List<String> extensions() {
        return List.of(".cpp", ".cc", ".cxx", ".c++");
    }

    @Override
    protected String compiler() {
        return "g++";
    }

    @Override
    protected List<String> standardFlags() {
        return List.of("-std=gnu++17", "-O2", "-pipe");
    }

    @Override
    public List<String> outOfMemoryMarkers() {
        return List.of("std::bad_alloc", NativeSupport.ALLOCATION_REFUSED);
    }
}
