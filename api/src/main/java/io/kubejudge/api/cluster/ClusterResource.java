package io.kubejudge.api.cluster;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.kubejudge.api.auth.Roles;
import io.kubejudge.api.config.ApiConfig;
import io.kubejudge.api.error.ApiError;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Seed 000's cluster endpoints; a "node" is a JudgeNodePool. Status is for everybody, scaling for admins. */
@Path("/cluster")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "cluster")
@SecurityRequirement(name = "SecurityScheme")
public class ClusterResource {

    @Inject
    ClusterStatusService statusService;
    @Inject
    PoolScaler scaler;
    @Inject
    ApiConfig config;

    public record MetricsLocation(
            @JsonProperty("prometheus_endpoint") String prometheusEndpoint,
            @JsonProperty("grafana_dashboard") String grafanaDashboard) {
    }

    @GET
    @Path("/status")
    @RolesAllowed({Roles.SUBMITTER, Roles.ADMIN})
    @Operation(summary = "Pools (as nodes) with their load, slots, usage; queue statistics")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ClusterStatus.class)))
    public ClusterStatus status() {
        return statusService.status();
    }

    @POST
    @Path("/scale")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Change a pool's judge slots",
            description = "Sets spec.replicas; where autoscaling is on, also spec.autoscaling.minReplicas so that"
                    + " the HPA keeps the change. Bounded by autoscaling.maxReplicas.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ScaleResult.class)))
    @APIResponse(responseCode = "422", description = "Out of the pool's bounds",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public ScaleResult scale(ScaleRequest request) {
        return scaler.scale(request);
    }

    @GET
    @Path("/metrics")
    @RolesAllowed({Roles.SUBMITTER, Roles.ADMIN})
    @Operation(summary = "Where the Prometheus endpoint and the Grafana dashboard are")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = MetricsLocation.class)))
    public MetricsLocation metrics() {
        return new MetricsLocation(config.metrics().prometheusEndpoint(), config.metrics().grafanaDashboard());
    }
}
