package io.kubejudge.api.submission;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.kubejudge.model.v1alpha1.JudgeSubmission;
import io.kubejudge.model.v1alpha1.JudgeSubmissionSpec;
import io.kubejudge.model.v1alpha1.JudgeSubmissionStatus;
import java.io.IOException;

/**
 * A JudgeSubmission's JSON (an archive in Redis, a response of the API server) read into its
 * parts with a plain Jackson reader, the kind the operator writes archives with. This is what a
 * status read and a submit spend most of their JSON work on, and fabric8's own unmarshalling
 * costs several times as much: it reads a tree first, for polymorphic kinds we do not need.
 * Unknown fields are ignored (a newer operator may add status fields).
 */
public final class SubmissionJson {

    private SubmissionJson() {
    }

    /** The resource in parts; apiVersion and kind are implied. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Parts(ObjectMeta metadata, JudgeSubmissionSpec spec, JudgeSubmissionStatus status) {
        public JudgeSubmission toResource() {
            JudgeSubmission s = new JudgeSubmission();
            s.setMetadata(metadata);
            s.setSpec(spec);
            s.setStatus(status);
            return s;
        }
    }

    /** Showing a submission never shows its source, which may be 64 KiB: skipped, not decoded. */
    @JsonIgnoreProperties("source")
    private interface WithoutSource {
    }

    private static final ObjectReader FULL = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .readerFor(Parts.class);
    private static final ObjectReader WITHOUT_SOURCE = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .addMixIn(JudgeSubmissionSpec.class, WithoutSource.class)
            .readerFor(Parts.class);

    /** @throws IOException when {@code json} is not a JudgeSubmission (no metadata) */
    public static Parts read(byte[] json) throws IOException {
        return checked(FULL.readValue(json));
    }

    /** The same without {@code spec.source}. */
    public static Parts readWithoutSource(byte[] json) throws IOException {
        return checked(WITHOUT_SOURCE.readValue(json));
    }

    private static Parts checked(Parts parts) throws IOException {
        if (parts == null || parts.metadata() == null) {
            throw new IOException("not a JudgeSubmission: no metadata");
        }
        return parts;
    }
}
