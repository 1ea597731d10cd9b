package io.kubejudge.testcluster.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One served resource of one group version, as discovery describes it.
 *
 * @param subresources e.g. {@code status}, {@code scale}, {@code log}
 * @param scale where the scale subresource finds replicas and selector; null without one
 * @param printerColumns a CRD version's additionalPrinterColumns; empty for built-ins (Name and Age)
 */
public record ResourceType(String group, String version, String plural, String singular, String kind,
        boolean namespaced, List<String> shortNames, List<String> categories, List<String> subresources,
        ScalePaths scale, List<JsonNode> printerColumns) {

    /** The verbs of every resource here: the test API server stores any kind the same way. */
    public static final List<String> VERBS =
            List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");

    /** {@code v1} for the core group, {@code group/version} otherwise. */
    public String groupVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    /** Where a CRD's (or a built-in's) scale subresource reads and writes: simple {@code .a.b} paths. */
    public record ScalePaths(String specReplicasPath, String statusReplicasPath, String labelSelectorPath) {
    }
}
