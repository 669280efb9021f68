package io.caitune.constitution;

import io.caitune.security.Roles;
import io.caitune.web.ProblemException;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import java.util.List;
import java.util.UUID;

@Path("/api/constitutions")
@RolesAllowed(Roles.VIEWER)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Constitutions")
public class ConstitutionResource {

    private final ConstitutionImporter importer;

    public ConstitutionResource(ConstitutionImporter importer) {
        this.importer = importer;
    }

    @RolesAllowed(Roles.OPERATOR)
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    @Operation(summary = "Create a constitution from this service's JSON or a ConstitutionalAiTuning principles file")
    public Response create(String body, @RestQuery String name, UriInfo uri) {
        Constitution constitution = importer.read(body, name);
        constitution.persist();
        return Response.created(uri.getAbsolutePathBuilder().path(constitution.id.toString()).build())
                .entity(ConstitutionView.of(constitution))
                .build();
    }

    @GET
    @Transactional
    @Operation(summary = "List constitutions, newest first")
    public List<ConstitutionSummary> list() {
        return Constitution.<Constitution>list("order by createdAt desc").stream().map(ConstitutionSummary::of).toList();
    }

    @GET
    @Path("/{id}")
    @Transactional
    public ConstitutionView get(@RestPath UUID id) {
        return ConstitutionView.of(find(id));
    }

    static Constitution find(UUID id) {
        Constitution c = Constitution.findById(id);
        if (c == null) {
            throw ProblemException.notFound("Constitution", id);
        }
        return c;
    }

    public record ConstitutionSummary(UUID id, String name, String description, int principles,
            int comparisonPrinciples, java.time.Instant createdAt, String createdBy) {
        static ConstitutionSummary of(Constitution c) {
            return new ConstitutionSummary(c.id, c.name, c.description, c.principles.size(),
                    c.comparisonPrinciples.size(), c.createdAt, c.createdBy);
        }
    }
}
