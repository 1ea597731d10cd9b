package io.kubejudge.operator.pool;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.Ignore;
import io.javaoperatorsdk.operator.processing.dependent.Matcher.Result;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.kubejudge.model.v1alpha1.JudgeNodePool;
import java.util.Objects;
import java.util.function.Function;

/**
 * An object a pool owns, kept as its {@code desired()} says by java-operator-sdk's workflow: read
 * from an informer's cache, created when missing, replaced when it differs, left alone otherwise.
 *
 * <p>Without server-side apply (off everywhere: the test API server has none), java-operator-sdk's
 * generic matcher only notices fields that differ or are missing, not fields someone added: an
 * ingress rule added to the deny-all NetworkPolicy would stay. Here the whole {@code spec} must
 * equal the desired one (the generated models compare quantities by value, so {@code 2000m} and
 * the API server's canonical {@code 2} agree); our labels and owner reference must be there, other
 * metadata is free. None of the three kinds has spec fields the API server defaults when we set
 * them as we do (an HPA's {@code behavior} is only defaulted when given), so an unchanged object is
 * never written.
 */
@Ignore
abstract class PoolDependentResource<R extends HasMetadata> extends CRUDKubernetesDependentResource<R, JudgeNodePool> {
    private final Function<R, Object> spec;

    PoolDependentResource(Class<R> kind, Function<R, Object> spec) {
        super(kind);
        this.spec = spec;
    }

    /** The object's name for a pool: known without building the object (which may not be wanted at all). */
    abstract String name(JudgeNodePool pool);

    @Override
    protected ResourceID targetSecondaryResourceID(JudgeNodePool pool, Context<JudgeNodePool> context) {
        return new ResourceID(name(pool), pool.getMetadata().getNamespace());
    }

    @Override
    public Result<R> match(R actual, R desired, JudgeNodePool pool, Context<JudgeNodePool> context) {
        return Result.computed(matches(actual, desired, pool, spec), desired);
    }

    static <R extends HasMetadata> boolean matches(R actual, R desired, JudgeNodePool pool, Function<R, Object> spec) {
        return Objects.equals(spec.apply(actual), spec.apply(desired))
                && actual.getMetadata().getLabels().entrySet().containsAll(desired.getMetadata().getLabels().entrySet())
                && actual.getMetadata().getOwnerReferences().stream()
                        .anyMatch(o -> Objects.equals(o.getUid(), pool.getMetadata().getUid()));
    }

    /**
     * java-operator-sdk's update replaces the spec and adds our labels on the actual object's
     * metadata; an owner reference someone removed is put back here as well.
     */
    @Override
    public R update(R actual, R desired, JudgeNodePool pool, Context<JudgeNodePool> context) {
        R owned = context.getClient().getKubernetesSerialization().clone(actual);
        if (owned.getMetadata().getOwnerReferences().stream()
                .noneMatch(o -> Objects.equals(o.getUid(), pool.getMetadata().getUid()))) {
            owned.getMetadata().getOwnerReferences().addAll(desired.getMetadata().getOwnerReferences());
        }
        return super.update(owned, desired, pool, context);
    }
}
