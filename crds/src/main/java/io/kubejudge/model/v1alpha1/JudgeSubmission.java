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

/** One submission: the operator judges it as one Job and writes the verdict into its status. */
@Group(KubeJudge.GROUP)
@Version(KubeJudge.VERSION)
// Spelled out, or fabric8 derives both with regular expressions in every constructor call
// (every object read from the API server, every clone).
@Plural("judgesubmissions")
@Singular("judgesubmission")
@ShortNames({"js", "sub"})
@Categories(KubeJudge.CATEGORY)
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Verdict", jsonPath = ".status.verdict", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Score", jsonPath = ".status.score", type = AdditionalPrinterColumn.Type.NUMBER)
@AdditionalPrinterColumn(name = "Time", jsonPath = ".status.timeMs", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Memory", jsonPath = ".status.memoryKiB", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class JudgeSubmission extends CustomResource<JudgeSubmissionSpec, JudgeSubmissionStatus> implements Namespaced {
    /**
     * The operator's finalizer (java-operator-sdk's default name, {@code <plural>.<group>/finalizer}):
     * deleting an unfinished submission cancels and archives it before the resource goes. Creators
     * (the API) set it in the create, which saves the operator a write per submission.
     */
    public static final String FINALIZER = "judgesubmissions." + KubeJudge.GROUP + "/finalizer";
}
