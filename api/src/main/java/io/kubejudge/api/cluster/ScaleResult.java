package io.kubejudge.api.cluster;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * @param autoscaled  whether an HPA drives the pool; then {@code min_replicas} moved with the
 *                    change so that the HPA keeps at least that many slots
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScaleResult(
        @JsonProperty("node_type") String nodeType,
        @JsonProperty("action") String action,
        @JsonProperty("previous_replicas") int previousReplicas,
        @JsonProperty("replicas") int replicas,
        @JsonProperty("autoscaled") boolean autoscaled,
        @JsonProperty("min_replicas") Integer minReplicas,
        @JsonProperty("max_replicas") Integer maxReplicas) {
}
