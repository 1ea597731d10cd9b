package io.kubejudge.model.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.ValidationRule;

@JsonInclude(JsonInclude.Include.NON_EMPTY)
@ValidationRule(value = "self.type != 'Localhost' || has(self.localhostProfile)",
        message = "a Localhost seccomp profile needs localhostProfile")
@ValidationRule(value = "self.type == 'Localhost' || !has(self.localhostProfile)",
        message = "localhostProfile is only allowed with type Localhost")
public class SeccompProfile {

    @JsonPropertyDescription("Localhost (the KubeJudge profile installed on the nodes) or RuntimeDefault.")
    @Pattern("^(Localhost|RuntimeDefault)$")
    @Default("RuntimeDefault")
    private String type = "RuntimeDefault";

    @JsonPropertyDescription("Path of the profile below the kubelet's seccomp directory, e.g. kubejudge/judge-runner.json.")
    @Pattern("^[-_./a-zA-Z0-9]{1,253}$")
    private String localhostProfile;

    public String getType() { return type; }
    public void setType(String type) { this.type = type; }
    public String getLocalhostProfile() { return localhostProfile; }
    public void setLocalhostProfile(String localhostProfile) { this.localhostProfile = localhostProfile; }
}
