package io.kubejudge.helm;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.MapperConfig;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.kubejudge.model.v1alpha1.JudgeNodePool;
import io.kubejudge.model.v1alpha1.JudgeProblem;
import io.kubejudge.model.v1alpha1.JudgeSubmission;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses manifests into their fabric8 model classes so that a field the model does not know fails.
 * fabric8's classes accept anything (an {@code @JsonAnySetter} collects unknown fields into
 * {@code additionalProperties}, and they are marked {@code ignoreUnknown}); a misspelt
 * {@code securityContxt} would be kept silently and ignored by the API server. Here both are
 * switched off, so Jackson reports the unknown field with its path.
 */
public final class StrictManifests {
    private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("(?m)^---[ \\t]*$");
    private static final Pattern SOURCE = Pattern.compile("(?m)^# Source: (.+)$");

    /**
     * Kinds of other projects' CRDs that fabric8 has no model class for: taken as they are (the
     * chart's tests check their fields one by one).
     */
    private static final java.util.Set<String> MODEL_LESS_KINDS = java.util.Set.of(
            "keda.sh/v1alpha1 ScaledObject",
            "security-profiles-operator.x-k8s.io/v1beta1 SeccompProfile");

    private static final KubernetesSerialization LENIENT = new KubernetesSerialization();

    private final ObjectMapper mapper;
    private final KubernetesSerialization serialization;
    private final YAMLMapper yaml = new YAMLMapper(new YAMLFactory());

    public StrictManifests() {
        mapper = new ObjectMapper();
        mapper.setAnnotationIntrospector(new StrictIntrospector());
        serialization = new KubernetesSerialization(mapper, true);
        // KubernetesSerialization relaxes the mapper; we want the opposite.
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        serialization.registerKubernetesResource(JudgeNodePool.class);
        serialization.registerKubernetesResource(JudgeProblem.class);
        serialization.registerKubernetesResource(JudgeSubmission.class);
    }

    /** Every object of a multi-document YAML text, in order; empty documents are skipped. */
    public List<HasMetadata> parse(String manifests) {
        List<HasMetadata> objects = new ArrayList<>();
        for (String document : DOCUMENT_SEPARATOR.split(manifests)) {
            HasMetadata object = parseDocument(document);
            if (object != null) {
                objects.add(object);
            }
        }
        return objects;
    }

    /** One YAML document; null when it holds no object (only comments). */
    public HasMetadata parseDocument(String document) {
        Matcher source = SOURCE.matcher(document);
        String where = source.find() ? source.group(1).trim() : "manifest";
        JsonNode tree;
        try {
            tree = yaml.readTree(document);
        } catch (IOException e) {
            throw new ChartException(where + ": not YAML: " + e.getMessage(), e);
        }
        if (tree == null || tree.isNull() || tree.isMissingNode()) {
            return null;
        }
        String apiVersion = tree.path("apiVersion").asText("");
        String kind = tree.path("kind").asText("");
        String what = where + ": " + kind + " '" + tree.path("metadata").path("name").asText("") + "'";
        if (apiVersion.isEmpty() || kind.isEmpty()) {
            throw new ChartException(what + ": apiVersion and kind are required");
        }
        Class<? extends KubernetesResource> type = serialization.getRegisteredKubernetesResource(apiVersion, kind);
        if (MODEL_LESS_KINDS.contains(apiVersion + " " + kind)) {
            return LENIENT.convertValue(tree, GenericKubernetesResource.class);
        }
        if (type == null || type == GenericKubernetesResource.class) {
            throw new ChartException(what + ": no model class for " + apiVersion + " " + kind
                    + " (a misspelt apiVersion or kind?)");
        }
        try {
            return (HasMetadata) mapper.treeToValue(tree, type);
        } catch (JsonMappingException e) {
            throw new ChartException(what + ": " + pathOf(e) + ": " + e.getOriginalMessage(), e);
        } catch (JsonProcessingException e) {
            throw new ChartException(what + ": " + e.getOriginalMessage(), e);
        }
    }

    private static String pathOf(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            } else if (ref.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
            }
        }
        return path.length() == 0 ? "(document)" : path.toString();
    }

    /** Jackson's annotations as written, except that nothing may swallow unknown fields. */
    private static final class StrictIntrospector extends JacksonAnnotationIntrospector {
        @Override
        public Boolean hasAnySetter(Annotated a) {
            return Boolean.FALSE;
        }

        @Override
        public JsonIgnoreProperties.Value findPropertyIgnoralByName(MapperConfig<?> config, Annotated a) {
            return super.findPropertyIgnoralByName(config, a).withoutIgnoreUnknown();
        }
    }
}
