package io.kubejudge.model.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;

@JsonInclude(JsonInclude.Include.NON_EMPTY)
@ValidationRule(value = "!(self.type in ['special', 'kattis']) || has(self.program)",
        message = "a special or kattis checker needs its program")
@ValidationRule(value = "self.type != 'float' || has(self.absoluteEpsilon) || has(self.relativeEpsilon)",
        message = "a float checker needs absoluteEpsilon or relativeEpsilon")
public class Checker {

    /** The interactor's memory limit when none is given: the Kattis format's typical system default for validation_memory. */
    public static final int DEFAULT_MEMORY_LIMIT_MIB = 2048;

    public enum Type {
        @JsonProperty("exact") EXACT,
        @JsonProperty("tokens") TOKENS,
        @JsonProperty("float") FLOAT,
        @JsonProperty("special") SPECIAL,
        @JsonProperty("kattis") KATTIS
    }

    @JsonPropertyDescription("exact: byte for byte (trailing whitespace at line ends and the file end ignored); tokens: whitespace-separated tokens; "
            + "float: tokens, numbers within an epsilon; special: a testlib-style program 'checker input output answer'; "
            + "kattis: an ICPC/Kattis output validator 'validator input answer feedback_dir < output'.")
    @Default("tokens")
    private Type type = Type.TOKENS;

    @JsonPropertyDescription("Largest absolute difference accepted between numbers (float checker).")
    @Min(0)
    @Max(1)
    private Double absoluteEpsilon;

    @JsonPropertyDescription("Largest relative difference accepted between numbers (float checker).")
    @Min(0)
    @Max(1)
    private Double relativeEpsilon;

    @JsonPropertyDescription("Whether tokens compare case-sensitively (tokens and float checkers).")
    @Default("true")
    private Boolean caseSensitive = true;

    @JsonPropertyDescription("Extra arguments given to a kattis output validator (validator_flags).")
    private String validatorFlags;

    @JsonPropertyDescription("The checker or validator program (special and kattis checkers).")
    private CheckerProgram program;

    @JsonPropertyDescription("Memory limit of the program in MiB when it runs as the interactor of an interactive problem "
            + "(Kattis limits.validation_memory): over it the interactor is killed and the test is a SystemError. Default 2048.")
    @Min(16)
    @Max(8192)
    private Integer memoryLimitMiB;

    public Type getType() { return type; }
    public void setType(Type type) { this.type = type; }
    public Double getAbsoluteEpsilon() { return absoluteEpsilon; }
    public void setAbsoluteEpsilon(Double absoluteEpsilon) { this.absoluteEpsilon = absoluteEpsilon; }
    public Double getRelativeEpsilon() { return relativeEpsilon; }
    public void setRelativeEpsilon(Double relativeEpsilon) { this.relativeEpsilon = relativeEpsilon; }
    public Boolean getCaseSensitive() { return caseSensitive; }
    public void setCaseSensitive(Boolean caseSensitive) { this.caseSensitive = caseSensitive; }
    public String getValidatorFlags() { return validatorFlags; }
    public void setValidatorFlags(String validatorFlags) { this.validatorFlags = validatorFlags; }
    public CheckerProgram getProgram() { return program; }
    public void setProgram(CheckerProgram program) { this.program = program; }
    public Integer getMemoryLimitMiB() { return memoryLimitMiB; }
    public void setMemoryLimitMiB(Integer memoryLimitMiB) { this.memoryLimitMiB = memoryLimitMiB; }
}
