package io.kubejudge.api.cluster;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Seed 000's {@code POST /cluster/scale}: {@code node_type} names the pool. */
public record ScaleRequest(
        @Schema(required = true, enumeration = {"scale_up", "scale_down", "set"})
        @JsonProperty("action") String action,
        @Schema(required = true, minimum = "0", description = "Slots to add or remove, or the new number for set")
        @JsonProperty("node_count") Integer nodeCount,
        @Schema(description = "The JudgeNodePool; kubejudge.api.default-pool when absent")
        @JsonProperty("node_type") String nodeType) {
}
