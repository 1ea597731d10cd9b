package io.kubejudge.model.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.kubejudge.model.result.Language;

@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "has(self.source) != has(self.configMapKey)",
        message = "give the checker source either inline (source) or as configMapKey, not both")
public class CheckerProgram {

    @JsonPropertyDescription("Language the checker is written in.")
    @Required
    private Language language;

    @JsonPropertyDescription("The checker source, inline.")
    @Size(max = 262144)
    private String source;

    @JsonPropertyDescription("Key of the checker source in the problem's first data ConfigMap.")
    @Pattern("^[-._a-zA-Z0-9]+$")
    private String configMapKey;

    @JsonPropertyDescription("File name the source is compiled as (e.g. checker.cpp); derived from the language when empty.")
    @Pattern("^[-._a-zA-Z0-9]+$")
    private String fileName;

    public Language getLanguage() { return language; }
    public void setLanguage(Language language) { this.language = language; }
    public String getSource() { return source; }
    public void setSource(String source) { this.source = source; }
    public String getConfigMapKey() { return configMapKey; }
    public void setConfigMapKey(String configMapKey) { this.configMapKey = configMapKey; }
    public String getFileName() { return fileName; }
    public void setFileName(String fileName) { this.fileName = fileName; }
}
