package io.kubejudge.model.result;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The languages KubeJudge judges; the JSON names are the ids used in every resource and request. */
public enum Language {
    @JsonProperty("c") C("c"),
    @JsonProperty("cpp") CPP("cpp"),
    @JsonProperty("java") JAVA("java"),
    @JsonProperty("python") PYTHON("python"),
    @JsonProperty("go") GO("go");

    private final String id;

    Language(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Language fromId(String id) {
        for (Language l : values()) {
            if (l.id.equals(id)) {
                return l;
            }
        }
        throw new IllegalArgumentException("unknown language '" + id + "' (known: c, cpp, java, python, go)");
    }
}
