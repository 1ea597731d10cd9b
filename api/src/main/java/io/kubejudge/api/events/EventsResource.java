package io.kubejudge.api.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubejudge.api.auth.Callers;
import io.kubejudge.api.auth.Roles;
import io.kubejudge.api.error.ApiException;
import io.kubejudge.api.submission.SubmissionNames;
import io.kubejudge.api.submission.SubmissionReader;
import io.kubejudge.api.submission.SubmissionView;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/judge/submissions/{id}/events")
@Tag(name = "submissions")
@SecurityRequirement(name = "SecurityScheme")
public class EventsResource {

    private final ObjectMapper json = new ObjectMapper();

    @Inject
    SubmissionReader reader;
    @Inject
    EventHub hub;
    @Inject
    Callers callers;

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RolesAllowed({Roles.SUBMITTER, Roles.ADMIN})
    @Blocking
    @Operation(summary = "Server-Sent Events of a submission",
            description = "First a 'state' event with the whole submission, then one event per change"
                    + " ('phase', 'queue', 'compile', 'test' with tests_done while the judge runs, 'verdict',"
                    + " or a fresh 'state'), in order;"
                    + " the stream ends after the final phase.")
    @APIResponse(responseCode = "200", description = "text/event-stream")
    public Multi<OutboundSseEvent> events(@PathParam("id") String id, @Context Sse sse) {
        long submissionId = SubmissionNames.parseSubmissionId(id);
        // Read once here so that a missing or foreign submission is a plain 404/403, not a stream.
        SubmissionReader.Found found = reader.find(submissionId)
                .orElseThrow(() -> ApiException.notFound("id", "submission " + submissionId + " does not exist"));
        callers.current().requireAccess(found.ownerUserId(), submissionId);
        SubmissionView view = found.view();
        if (view.isFinal()) {
            return Multi.createFrom().item(event(sse, "state", view));
        }
        return hub.open(submissionId, view.name(), view.pool(), sse);
    }

    private OutboundSseEvent event(Sse sse, String name, Object data) {
        try {
            return sse.newEventBuilder().name(name).data(json.writeValueAsString(data)).build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
