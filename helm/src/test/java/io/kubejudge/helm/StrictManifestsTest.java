package io.kubejudge.helm;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.kubejudge.model.v1alpha1.JudgeNodePool;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StrictManifestsTest {
    private final StrictManifests parser = new StrictManifests();

    private static final String DEPLOYMENT = """
            ---
            # Source: kubejudge/templates/x.yaml
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: x
            spec:
              selector:
                matchLabels: {app: x}
              template:
                metadata:
                  labels: {app: x}
                spec:
                  containers:
                    - name: c
                      image: i
                      %s
            """;

    @Test
    void parsesKnownFieldsIntoTheModelClass() {
        var objects = parser.parse(DEPLOYMENT.formatted("securityContext: {runAsNonRoot: true}"));

        assertThat(objects).singleElement().isInstanceOf(Deployment.class);
        Deployment d = (Deployment) objects.get(0);
        assertThat(d.getSpec().getTemplate().getSpec().getContainers().get(0).getSecurityContext().getRunAsNonRoot()).isTrue();
    }

    @Test
    void aMisspeltFieldFailsNamingItsPathAndSource() {
        assertThatThrownBy(() -> parser.parse(DEPLOYMENT.formatted("securityContxt: {runAsNonRoot: true}")))
                .isInstanceOf(ChartException.class)
                .hasMessageContaining("kubejudge/templates/x.yaml")
                .hasMessageContaining("Deployment 'x'")
                .hasMessageContaining("spec.template.spec.containers[0].securityContxt");
    }

    @Test
    void aValueOfTheWrongTypeFails() {
        assertThatThrownBy(() -> parser.parse(DEPLOYMENT.formatted("ports: {containerPort: 80}")))
                .isInstanceOf(ChartException.class)
                .hasMessageContaining("ports");
    }

    @Test
    void aCustomResourceIsParsedStrictlyToo() {
        String pool = """
                apiVersion: kubejudge.io/v1alpha1
                kind: JudgeNodePool
                metadata: {name: default, namespace: judges}
                spec:
                  replicas: 3
                  %s
                """;
        assertThat(parser.parse(pool.formatted("languages: [cpp]"))).singleElement()
                .isInstanceOfSatisfying(JudgeNodePool.class, p -> assertThat(p.getSpec().getReplicas()).isEqualTo(3));
        assertThatThrownBy(() -> parser.parse(pool.formatted("replicaz: 4")))
                .hasMessageContaining("JudgeNodePool 'default'").hasMessageContaining("spec.replicaz");
    }

    @Test
    void anUnknownKindFails() {
        assertThatThrownBy(() -> parser.parse("apiVersion: apps/v1\nkind: Deploymnt\nmetadata: {name: x}\n"))
                .isInstanceOf(ChartException.class)
                .hasMessageContaining("no model class for apps/v1 Deploymnt");
    }

    @Test
    void emptyDocumentsAreSkipped() {
        assertThat(parser.parse("---\n# Source: a.yaml\n---\n\n")).isEmpty();
    }
}
