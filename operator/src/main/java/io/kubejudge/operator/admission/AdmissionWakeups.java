package io.kubejudge.operator.admission;

import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import io.kubejudge.model.v1alpha1.JudgeSubmission;
import io.kubejudge.operator.admission.AdmissionQueue.PoolKey;

/**
 * The event source that wakes submissions from inside the operator: those the queue granted a
 * slot (whoever freed it: a finished judging, a pool scaled up) and those whose coarse queue
 * position moved. No reconciler calls another; they all go through the queue, which tells this.
 */
public final class AdmissionWakeups extends SimpleInboundEventSource<JudgeSubmission> implements AdmissionQueue.Listener {

    public AdmissionWakeups() {
        super("admissions");
    }

    @Override
    public void admitted(PoolKey pool, String name) {
        wake(pool.namespace(), name);
    }

    /** Reconciles the submission soon (nothing happens before the operator has started). */
    public void wake(String namespace, String name) {
        if (isRunning()) {
            propagateEvent(new ResourceID(name, namespace));
        }
    }
}
