package io.kubejudge.operator.pool;

import io.fabric8.kubernetes.api.model.Condition;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import io.kubejudge.model.v1alpha1.JudgeNodePool;
import io.kubejudge.model.v1alpha1.JudgeNodePoolStatus;
import io.kubejudge.operator.JudgeLabels;
import io.kubejudge.operator.admission.AdmissionQueue;
import io.kubejudge.operator.admission.AdmissionQueue.PoolKey;
import io.kubejudge.operator.submission.SubmissionConditions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import io.kubejudge.operator.metrics.JudgeMetrics;
import io.kubejudge.operator.OperatorComponents;
import jakarta.inject.Inject;

/**
 * A pool's lifecycle: its slots given to the admission queue (a scale-up admits at once, a
 * scale-down only stops admitting), its ResourceQuota, NetworkPolicy and (with autoscaling) HPA
 * kept as desired by the workflow of dependents, and its status (replicas, running, queued,
 * selector, Ready/Saturated/Degraded).
 *
 * <p>The workflow is invoked by {@link #reconcile} after the slots are given: a dependent the API
 * server refuses (an HPA on a cluster without autoscaling/v2, say) must not keep a pool's slots
 * from the queue. Its errors still fail the reconciliation, which is retried.
 */
@ControllerConfiguration(name = JudgeNodePoolReconciler.NAME)
@Workflow(explicitInvocation = true, dependents = {
        @Dependent(type = PoolResourceQuotaDependentResource.class),
        @Dependent(type = PoolNetworkPolicyDependentResource.class),
        @Dependent(type = PoolAutoscalerDependentResource.class, reconcilePrecondition = AutoscalingEnabled.class)
})
public class JudgeNodePoolReconciler implements Reconciler<JudgeNodePool> {
    public static final String NAME = "judgenodepool";
    /** Running and queued counts change without pool events: refresh the status this often. */
    static final Duration STATUS_REFRESH = Duration.ofSeconds(10);

    private final AdmissionQueue queue;
    private final PoolHealth health;
    private final JudgeMetrics metrics;
    private final Clock clock;
    private final SimpleInboundEventSource<JudgeNodePool> healthEvents = new SimpleInboundEventSource<>("pool-health");

    @Inject
    public JudgeNodePoolReconciler(OperatorComponents c) {
        this(c.queue(), c.poolHealth(), c.metrics(), c.clock());
    }

    public JudgeNodePoolReconciler(AdmissionQueue queue, PoolHealth health, JudgeMetrics metrics, Clock clock) {
        this.queue = queue;
        this.health = health;
        this.metrics = metrics;
        this.clock = clock;
        health.onChange(key -> healthEvents.propagateEvent(new ResourceID(key.pool(), key.namespace())));
    }

    @Override
    public List<EventSource<?, JudgeNodePool>> prepareEventSources(EventSourceContext<JudgeNodePool> context) {
        return List.of(healthEvents);
    }

    @Override
    public UpdateControl<JudgeNodePool> reconcile(JudgeNodePool pool, Context<JudgeNodePool> context) {
        PoolKey key = new PoolKey(pool.getMetadata().getNamespace(), pool.getMetadata().getName());
        int replicas = pool.getSpec().getReplicas() == null ? 0 : pool.getSpec().getReplicas();
        queue.setCapacity(key, replicas);
        metrics.watchPool(key);
        // The queue tells whom it admitted (AdmissionWakeups): they start their Jobs themselves.
        queue.admit(key);
        context.managedWorkflowAndDependentResourceContext().reconcileManagedWorkflow();

        JudgeNodePoolStatus status = desiredStatus(pool, key);
        if (sameStatus(pool.getStatus(), status)) {
            return UpdateControl.<JudgeNodePool>noUpdate().rescheduleAfter(STATUS_REFRESH.toMillis());
        }
        pool.setStatus(status);
        return UpdateControl.patchStatus(pool).rescheduleAfter(STATUS_REFRESH.toMillis());
    }

    JudgeNodePoolStatus desiredStatus(JudgeNodePool pool, PoolKey key) {
        JudgeNodePoolStatus old = pool.getStatus() == null ? new JudgeNodePoolStatus() : pool.getStatus();
        int replicas = pool.getSpec().getReplicas() == null ? 0 : pool.getSpec().getReplicas();
        int running = queue.running(key);
        int queued = queue.queued(key);
        Instant now = clock.instant();
        String nowText = now.toString();
        Long generation = pool.getMetadata().getGeneration();

        JudgeNodePoolStatus s = new JudgeNodePoolStatus();
        s.setReplicas(replicas);
        s.setRunning(running);
        s.setQueued(queued);
        s.setLabelSelector(JudgeLabels.poolSelectorString(pool.getMetadata().getName()));
        s.setObservedGeneration(generation);
        s.setLastScaleTime(old.getReplicas() != null && old.getReplicas() == replicas ? old.getLastScaleTime() : nowText);
        List<Condition> conditions = new ArrayList<>(old.getConditions());
        var degraded = health.degradedBy(key, now);
        SubmissionConditions.set(conditions, "Degraded", degraded.isPresent(),
                degraded.map(PoolHealth.Failure::kind).orElse("Healthy"),
                degraded.map(PoolHealth.Failure::reason).orElse(null), generation, nowText);
        SubmissionConditions.set(conditions, "Ready", replicas > 0 && degraded.isEmpty(),
                replicas == 0 ? "NoSlots" : degraded.isPresent() ? "Degraded" : "SlotsAvailable",
                replicas + " judge slots", generation, nowText);
        boolean saturated = running >= replicas && queued > 0;
        SubmissionConditions.set(conditions, "Saturated", saturated, saturated ? "QueueWaiting" : "HasCapacity",
                running + " running, " + queued + " queued", generation, nowText);
        s.setConditions(conditions);
        return s;
    }

    private static boolean sameStatus(JudgeNodePoolStatus a, JudgeNodePoolStatus b) {
        if (a == null) {
            return false;
        }
        return Objects.equals(a.getReplicas(), b.getReplicas()) && Objects.equals(a.getRunning(), b.getRunning())
                && Objects.equals(a.getQueued(), b.getQueued()) && Objects.equals(a.getLabelSelector(), b.getLabelSelector())
                && Objects.equals(a.getObservedGeneration(), b.getObservedGeneration())
                && Objects.equals(a.getLastScaleTime(), b.getLastScaleTime())
                && Objects.equals(a.getConditions(), b.getConditions());
    }
}
