package io.caitune.constitution;

import io.caitune.security.Roles;
import io.caitune.web.Responses;
import io.caitune.web.ProblemException;
import io.caitune.web.RequestText;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import java.io.IOException;
import java.nio.file.Files;

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
    @APIResponse(responseCode = "201", description = "Created; Location names it",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ConstitutionView.class)))
    @APIResponse(responseCode = "400", description = "Not a constitution (problem JSON says why)",
            content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "413", description = "Body larger than quarkus.http.limits.max-body-size")
    @APIResponse(responseCode = "415", description = "Neither JSON nor multipart, or a charset that cannot be decoded")
    public Response create(byte[] body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @RestQuery String name, UriInfo uri) {
        // decoded here: the declared charset is honoured (UTF-8 when none), a byte order mark dropped
        return created(RequestText.decode(body, contentType), name, uri);
    }

    private Response created(String text, String name, UriInfo uri) {
        Constitution constitution = importer.read(text, name);
        constitution.persist();
        return Responses.created(uri, constitution.id, ConstitutionView.of(constitution));
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Transactional
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Create a constitution from a file uploaded as multipart form field 'file' (JSON, as above)")
    @APIResponse(responseCode = "201", description = "Created; Location names it",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ConstitutionView.class)))
    @APIResponse(responseCode = "400", description = "No 'file' part, or not a constitution (problem JSON says why)",
            content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "413", description = "Body larger than quarkus.http.limits.max-body-size")
    public Response upload(@RestForm("file") FileUpload file, @RestForm("name") String formName,
            @RestQuery String name, UriInfo uri) throws IOException {
        if (file == null) {
            throw ProblemException.badRequest("Multipart upload needs a 'file' part holding the constitution JSON");
        }
        // the part's own Content-Type (with its charset, if any) decides the decoding, as for a plain body
        String text = RequestText.decode(Files.readAllBytes(file.uploadedFile()), file.contentType());
        return created(text, formName != null && !formName.isBlank() ? formName : name, uri);
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
    @APIResponse(responseCode = "200", description = "The constitution in this service's JSON",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ConstitutionView.class)))
    @APIResponse(responseCode = "400", description = "Malformed id")
    @APIResponse(responseCode = "404", description = "No such constitution")
    public ConstitutionView get(@RestPath UUID id) {
        return ConstitutionView.of(find(id));
    }

    static Constitution find(UUID id) {
        return ProblemException.found(Constitution.findById(id), "Constitution", id);
    }

    public record ConstitutionSummary(UUID id, String name, String description, int principles,
            int comparisonPrinciples, java.time.Instant createdAt, String createdBy) {
        static ConstitutionSummary of(Constitution c) {
            return new ConstitutionSummary(c.id, c.name, c.description, c.principles.size(),
                    c.comparisonPrinciples.size(), c.createdAt, c.createdBy);
        }
    }
}
