package io.kubejudge.api.cluster;

import io.fabric8.kubernetes.api.model.Condition;
import io.kubejudge.api.catalog.PoolCatalog;
import io.kubejudge.model.result.Language;
import io.kubejudge.api.submission.QueuePositions;
import io.kubejudge.model.v1alpha1.JudgeNodePool;
import io.kubejudge.model.v1alpha1.JudgeNodePoolStatus;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.exceptions.JedisException;

/** Builds seed 000's cluster status from the pools, their live queues and the metrics API. */
@Singleton
public class ClusterStatusService {

    private final PoolCatalog pools;
    private final QueuePositions queue;
    private final PoolUsage usage;

    ClusterStatusService(PoolCatalog pools, QueuePositions queue, PoolUsage usage) {
        this.pools = pools;
        this.queue = queue;
        this.usage = usage;
    }

    public ClusterStatus status() {
        List<JudgeNodePool> all = new ArrayList<>(pools.all());
        all.sort(Comparator.comparing(p -> p.getMetadata().getName()));
        List<Long> liveQueues = liveQueueSizes(all);
        Map<String, PoolUsage.Usage> usages = usage.of(all).orElse(Map.of());
        List<ClusterStatus.Node> nodes = new ArrayList<>();
        long queued = 0;
        long running = 0;
        for (int i = 0; i < all.size(); i++) {
            JudgeNodePool p = all.get(i);
            JudgeNodePoolStatus st = p.getStatus();
            int load = st == null || st.getRunning() == null ? 0 : st.getRunning();
            long waiting = liveQueues != null ? liveQueues.get(i) : st == null || st.getQueued() == null ? 0 : st.getQueued();
            int replicas = p.getSpec().getReplicas() == null ? 0 : p.getSpec().getReplicas();
            PoolUsage.Usage u = usages.get(p.getMetadata().getName());
            List<String> languages = p.getSpec().getLanguages() == null || p.getSpec().getLanguages().isEmpty()
                    ? Arrays.stream(Language.values()).map(Language::id).toList()
                    : p.getSpec().getLanguages().stream().map(Language::id).toList();
            nodes.add(new ClusterStatus.Node(p.getMetadata().getName(), status(p, replicas), load, replicas,
                    u == null ? null : u.cpu(), u == null ? null : u.memory(), waiting, languages));
            queued += waiting;
            running += load;
        }
        return new ClusterStatus(nodes, new ClusterStatus.QueueStats(queued, running, nodes.size()));
    }

    private List<Long> liveQueueSizes(List<JudgeNodePool> all) {
        try {
            return queue.sizes(all.stream().map(p -> p.getMetadata().getName()).toList());
        } catch (JedisException e) {
            return null;
        }
    }

    static String status(JudgeNodePool p, int replicas) {
        List<Condition> conditions = p.getStatus() == null || p.getStatus().getConditions() == null
                ? List.of() : p.getStatus().getConditions();
        if (isTrue(conditions, "Degraded")) {
            return "degraded";
        }
        if (replicas == 0) {
            return "offline";
        }
        if (isTrue(conditions, "Saturated")) {
            return "saturated";
        }
        if (isTrue(conditions, "Ready")) {
            return "online";
        }
        return "pending";
    }

    private static boolean isTrue(List<Condition> conditions, String type) {
        return conditions.stream().anyMatch(c -> type.equals(c.getType()) && "True".equals(c.getStatus()));
    }
}
