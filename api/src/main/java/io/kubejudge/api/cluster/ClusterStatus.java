package io.kubejudge.api.cluster;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** Seed 000's {@code GET /cluster/status} shape: a "node" is a JudgeNodePool. */
public record ClusterStatus(
        @JsonProperty("nodes") List<Node> nodes,
        @JsonProperty("queue_stats") QueueStats queueStats) {

    /**
     * @param status        online, saturated, degraded, offline (no slots) or pending (not reconciled yet)
     * @param currentLoad   judge Jobs running
     * @param maxConcurrent judge slots (spec.replicas)
     * @param cpuUsage      CPU used by the pool's pods over what its slots may use, 0..1; null without a metrics API
     * @param memoryUsage   the same for memory
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Node(
            @JsonProperty("node_id") String nodeId,
            @JsonProperty("status") String status,
            @JsonProperty("current_load") int currentLoad,
            @JsonProperty("max_concurrent") int maxConcurrent,
            @JsonProperty("cpu_usage") Double cpuUsage,
            @JsonProperty("memory_usage") Double memoryUsage,
            @JsonProperty("queued") long queued,
            @JsonProperty("languages") List<String> languages) {
    }

    public record QueueStats(
            @JsonProperty("queue_size") long queueSize,
            @JsonProperty("processing_count") long processingCount,
            @JsonProperty("node_count") int nodeCount) {
    }
}
