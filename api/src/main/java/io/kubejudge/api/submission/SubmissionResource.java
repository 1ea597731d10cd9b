package io.kubejudge.api.submission;

import io.kubejudge.api.auth.Callers;
import io.kubejudge.api.auth.Roles;
import io.kubejudge.api.error.ApiError;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/judge")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "submissions")
@SecurityRequirement(name = "SecurityScheme")
public class SubmissionResource {

    @Inject
    SubmitService submitService;
    @Inject
    SubmissionReader reader;
    @Inject
    CancelService cancelService;
    @Inject
    RejudgeService rejudgeService;
    @Inject
    Callers callers;
    @Inject
    ReadLimiter readLimiter;

    @POST
    @Path("/submit")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.SUBMITTER, Roles.ADMIN})
    @Operation(summary = "Submit code for judging",
            description = "Creates the JudgeSubmission sub-<user_id>-<submission_id>: submission ids are scoped per"
                    + " user. Idempotent on (user_id, submission_id): the same body again answers 200 with the"
                    + " existing submission, a different body 409. contest_id needs a token whose 'contests' claim"
                    + " lists it (or the admin role): it gives contest priority; any other contest_id is refused (403).")
    @APIResponse(responseCode = "202", description = "Created; Location is the submission's URL",
            content = @Content(schema = @Schema(implementation = SubmissionView.class)))
    @APIResponse(responseCode = "200", description = "The same submission existed already",
            content = @Content(schema = @Schema(implementation = SubmissionView.class)))
    @APIResponse(responseCode = "400", description = "Invalid field", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "403", description = "user_id not the token's user, or contest_id not among the token's contests",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "409", description = "submission_id taken by a different submission of the same user",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "422", description = "Unknown problem or pool, or language not accepted",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "429", description = "Rate limit; see Retry-After",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Response submit(SubmitRequest request) {
        SubmitService.Outcome outcome = submitService.submit(callers.current(), request);
        if (outcome.created()) {
            return Response.accepted(outcome.view()).location(URI.create(outcome.view().url())).build();
        }
        return Response.ok(outcome.view()).location(URI.create(outcome.view().url())).build();
    }

    @GET
    @Path("/submissions/{id}")
    @RolesAllowed({Roles.SUBMITTER, Roles.ADMIN})
    @Operation(summary = "A submission's phase, verdict, score, tests and live queue position",
            description = "From the live resource, or from the Redis archive once the resource was removed."
                    + " Ids are per user: {id} of the caller's user, or of user_id (admins; a submitter naming"
                    + " another user gets the same 404 as for a submission that does not exist).")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = SubmissionView.class)))
    @APIResponse(responseCode = "404", description = "No such submission of that user, or not the caller's",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "429", description = "Read rate limit; see Retry-After",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public SubmissionView get(@PathParam("id") String id, @QueryParam("user_id") String userId) {
        readLimiter.check(callers.current());
        SubmissionRef ref = SubmissionNames.resolve(callers.current(), userId, id);
        return reader.find(ref).orElseThrow(ref::notFound).view();
    }

    @DELETE
    @Path("/submissions/{id}")
    @RolesAllowed({Roles.SUBMITTER, Roles.ADMIN})
    @Operation(summary = "Cancel a queued or running submission", description = "Sets spec.cancel.")
    @APIResponse(responseCode = "202", content = @Content(schema = @Schema(implementation = SubmissionView.class)))
    @APIResponse(responseCode = "409", description = "Already final", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Response cancel(@PathParam("id") String id, @QueryParam("user_id") String userId) {
        return Response.accepted(cancelService.cancel(SubmissionNames.resolve(callers.current(), userId, id))).build();
    }

    @POST
    @Path("/rejudge")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Judge one submission, or every finished live submission of a problem, again")
    @APIResponse(responseCode = "202", content = @Content(schema = @Schema(implementation = RejudgeResult.class)))
    public Response rejudge(RejudgeRequest request) {
        return Response.accepted(rejudgeService.rejudge(request)).build();
    }
}
