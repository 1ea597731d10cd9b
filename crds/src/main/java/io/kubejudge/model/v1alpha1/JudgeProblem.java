package io.kubejudge.model.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/** A problem: the authority on limits, checker and tests of every submission to it. */
@Group(KubeJudge.GROUP)
@Version(KubeJudge.VERSION)
// Spelled out, or fabric8 derives both with regular expressions in every constructor call
// (every object read from the API server, every clone).
@Plural("judgeproblems")
@Singular("judgeproblem")
@ShortNames({"jp", "problem"})
@Categories(KubeJudge.CATEGORY)
@AdditionalPrinterColumn(name = "Tests", jsonPath = ".status.testCount", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Points", jsonPath = ".status.totalPoints", type = AdditionalPrinterColumn.Type.NUMBER)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
@AdditionalPrinterColumn(name = "Error", jsonPath = ".status.validationErrors[0]", type = AdditionalPrinterColumn.Type.STRING,
        priority = 1, getDescription = "The first validation error; submissions are rejected while there is one.")
public class JudgeProblem extends CustomResource<JudgeProblemSpec, JudgeProblemStatus> implements Namespaced {
}
