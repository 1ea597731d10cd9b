package io.kubejudge.operator.problem;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.PrimaryToSecondaryMapper;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.kubejudge.model.v1alpha1.JudgeProblem;
import io.kubejudge.model.v1alpha1.JudgeProblemStatus;
import io.kubejudge.operator.JudgeLabels;
import io.kubejudge.operator.job.ProblemDataIndex;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Fills a JudgeProblem's status: number of tests, total points and validation errors (see
 * {@link ProblemCheck}), written only when it changed. Submissions to a problem whose status
 * reports errors are rejected at admission with them.
 *
 * <p>The errors depend on the data ConfigMaps too, which change without the problem changing.
 * They are watched rather than re-read on a timer: a timer would re-download every problem's
 * test data (up to 64 MiB each) every period and still leave a problem wrongly invalid for up to
 * a period after its data arrives (problem and data are usually applied together, data second),
 * while a watch costs one list at start, then one event per actual change, and reacts at once.
 * The watch keeps key names only ({@link ConfigMapKeysStore}) and leaves out the ConfigMaps the
 * operator itself creates for each judging.
 */
@ControllerConfiguration(name = JudgeProblemReconciler.NAME)
public class JudgeProblemReconciler implements Reconciler<JudgeProblem> {
    public static final String NAME = "judgeproblem";
    static final String DATA_INDEX = "data-configmap";
    /** Every ConfigMap but the per-judging source ConfigMaps, which are many, short-lived and never test data. */
    static final String DATA_SELECTOR = JudgeLabels.MANAGED_BY + "!=" + JudgeLabels.OPERATOR;

    @Override
    public List<EventSource<?, JudgeProblem>> prepareEventSources(EventSourceContext<JudgeProblem> context) {
        context.getPrimaryCache().addIndexer(DATA_INDEX, p -> dataConfigMaps(p).stream()
                .map(id -> key(id.getNamespace().orElse(null), id.getName())).toList());
        List<EventSource<?, JudgeProblem>> sources = new ArrayList<>();
        // One informer, and so one store, per namespace: see ConfigMapKeysStore.
        for (String namespace : context.getControllerConfiguration().getEffectiveNamespaces()) {
            var config = InformerEventSourceConfiguration.from(ConfigMap.class, JudgeProblem.class)
                    .withName("data-configmaps-" + namespace)
                    .withNamespaces(Set.of(namespace))
                    .withLabelSelector(DATA_SELECTOR)
                    .withItemStore(new ConfigMapKeysStore())
                    .withPrimaryToSecondaryMapper((PrimaryToSecondaryMapper<JudgeProblem>) JudgeProblemReconciler::dataConfigMaps)
                    .withSecondaryToPrimaryMapper((ConfigMap cm) -> context.getPrimaryCache()
                            .byIndex(DATA_INDEX, key(cm.getMetadata().getNamespace(), cm.getMetadata().getName())).stream()
                            .map(ResourceID::fromResource).collect(Collectors.toSet()))
                    .build();
            sources.add(new InformerEventSource<>(config, context));
        }
        return sources;
    }

    @Override
    public UpdateControl<JudgeProblem> reconcile(JudgeProblem problem, Context<JudgeProblem> context) {
        Map<String, Set<String>> keys = new HashMap<>();
        for (ConfigMap cm : context.getSecondaryResources(ConfigMap.class)) {
            keys.put(cm.getMetadata().getName(), ProblemDataIndex.keysOf(cm));
        }
        JudgeProblemStatus wanted = ProblemCheck.status(problem, keys);
        if (!same(problem.getStatus(), wanted)) {
            // A JSON patch computed against what we read: it also removes errors that are gone.
            context.resourceOperations().jsonPatchPrimaryStatus(problem, p -> {
                p.setStatus(wanted);
                return p;
            });
        }
        return UpdateControl.noUpdate();
    }

    static boolean same(JudgeProblemStatus a, JudgeProblemStatus b) {
        return a != null && Objects.equals(a.getTestCount(), b.getTestCount())
                && Objects.equals(a.getTotalPoints(), b.getTotalPoints())
                && Objects.equals(a.getObservedGeneration(), b.getObservedGeneration())
                && Objects.equals(orEmpty(a.getValidationErrors()), orEmpty(b.getValidationErrors()));
    }

    private static List<String> orEmpty(List<String> l) {
        return l == null ? List.of() : l;
    }

    private static Set<ResourceID> dataConfigMaps(JudgeProblem p) {
        if (p.getSpec() == null || p.getSpec().getDataConfigMaps() == null) {
            return Set.of();
        }
        return p.getSpec().getDataConfigMaps().stream().filter(Objects::nonNull)
                .map(name -> new ResourceID(name, p.getMetadata().getNamespace())).collect(Collectors.toSet());
    }

    private static String key(String namespace, String name) {
        return namespace + "/" + name;
    }
}
