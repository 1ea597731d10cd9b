package io.kubejudge.api.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubejudge.api.auth.Caller;
import io.kubejudge.api.auth.Callers;
import io.kubejudge.api.auth.Roles;
import io.kubejudge.api.submission.SubmissionNames;
import io.kubejudge.api.submission.ReadLimiter;
import io.kubejudge.api.submission.SubmissionReader;
import io.kubejudge.api.submission.SubmissionRef;
import io.kubejudge.api.submission.SubmissionView;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
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
    @Inject
    ReadLimiter readLimiter;

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RolesAllowed({Roles.SUBMITTER, Roles.ADMIN})
    @Blocking
    @Operation(summary = "Server-Sent Events of a submission",
            description = "First a 'state' event with the whole submission, then one event per change"
                    + " ('phase', 'queue', 'compile', 'test' with tests_done while the judge runs, 'verdict',"
                    + " or a fresh 'state'), in order;"
                    + " the stream ends after the final phase. A client that does not read"
                    + " kubejudge.api.events.max-buffered-events events gets a final 'error' event (slow_reader)"
                    + " and the stream ends. Ids and user_id as for GET /submissions/{id}.")
    @APIResponse(responseCode = "200", description = "text/event-stream")
    @APIResponse(responseCode = "404", description = "No such submission of that user, or not the caller's")
    @APIResponse(responseCode = "429", description = "Too many live streams (per user or per replica) or reads; see Retry-After")
    public Multi<OutboundSseEvent> events(@PathParam("id") String id, @QueryParam("user_id") String userId,
                                          @Context Sse sse) {
        Caller caller = callers.current();
        readLimiter.check(caller);
        SubmissionRef ref = SubmissionNames.resolve(caller, userId, id);
        // Read once here so that a missing or foreign submission is a plain 404, not a stream.
        SubmissionView view = reader.find(ref).orElseThrow(ref::notFound).view();
        if (view.isFinal()) {
            return Multi.createFrom().item(event(sse, "state", view));
        }
        return hub.open(ref, view.pool(), caller.userId() == null ? "" : caller.userId(), sse);
    }

    private OutboundSseEvent event(Sse sse, String name, Object data) {
        try {
            return sse.newEventBuilder().name(name).data(json.writeValueAsString(data)).build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
