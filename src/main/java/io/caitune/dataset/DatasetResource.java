package io.caitune.dataset;

import io.caitune.config.CaiConfig;
import io.caitune.security.Roles;
import io.caitune.web.ProblemException;
import io.caitune.web.RequestText;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

@Path("/api/datasets")
@RolesAllowed(Roles.VIEWER)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Datasets")
public class DatasetResource {

    private final PromptFileParser parser;
    private final DatasetStore store;
    private final CaiConfig config;

    public DatasetResource(PromptFileParser parser, DatasetStore store, CaiConfig config) {
        this.parser = parser;
        this.store = store;
        this.config = config;
    }

    @RolesAllowed(Roles.OPERATOR)
    @POST
    @Consumes({ "text/csv", "application/csv", MediaType.APPLICATION_JSON, "application/x-ndjson", "application/jsonl" })
    @Operation(summary = "Upload prompts as CSV, alpaca JSON / JSONL or a JSON list of strings")
    public Response upload(InputStream body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @RestQuery String name, @RestQuery String promptColumn, @RestQuery String idColumn, UriInfo uri)
            throws IOException {
        PromptFormat format = formatOf(contentType);
        String text = RequestText.decode(readLimited(body), contentType);
        return store(name == null ? "dataset" : name, format, new StringReader(text), promptColumn, idColumn, uri);
    }

    @RolesAllowed(Roles.OPERATOR)
    @POST
    @Path("/preview")
    @Consumes({ "text/csv", "application/csv", MediaType.APPLICATION_JSON, "application/x-ndjson", "application/jsonl" })
    @Operation(summary = "Parse prompts exactly as an upload would, store nothing: the format, the prompt count, the "
            + "CSV columns with the ones taken as prompt and id, and the first prompts")
    public DatasetPreview preview(InputStream body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @RestQuery String promptColumn, @RestQuery String idColumn,
            @RestQuery @DefaultValue("5") int first) throws IOException {
        if (first < 0 || first > 100) {
            throw ProblemException.badRequest("'first' must be between 0 and 100");
        }
        PromptFormat format = formatOf(contentType);
        String text = RequestText.decode(readLimited(body), contentType);
        List<ParsedPrompt> prompts = parser.parse(new StringReader(text), format, promptColumn, idColumn);
        PromptFileParser.CsvColumns columns = format == PromptFormat.CSV
                ? parser.csvColumns(text, promptColumn, idColumn) : null;
        return new DatasetPreview(format.name().toLowerCase(java.util.Locale.ROOT), prompts.size(), columns,
                prompts.subList(0, Math.min(first, prompts.size())).stream()
                        .map(p -> new DatasetPreview.Prompt(p.id(), p.prompt())).toList());
    }

    /** What an upload would store: {@code columns} only for CSV. */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record DatasetPreview(String format, int size, PromptFileParser.CsvColumns columns, List<Prompt> first) {

        public record Prompt(String id, String prompt) {
        }
    }

    @RolesAllowed(Roles.OPERATOR)
    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "Upload a prompts file as multipart form field 'file'")
    public Response uploadFile(@RestForm("file") FileUpload file, @RestForm String name, @RestForm String format,
            @RestQuery String promptColumn, @RestQuery String idColumn, UriInfo uri) throws IOException {
        if (file == null) {
            throw ProblemException.badRequest("Multipart upload needs a 'file' part");
        }
        if (file.size() > maxBytes()) {
            throw tooLarge();
        }
        PromptFormat fileFormat = (format != null ? PromptFormat.fromFileName("." + format) : java.util.Optional.<PromptFormat>empty())
                .or(() -> PromptFormat.fromFileName(file.fileName()))
                .or(() -> PromptFormat.fromMediaType(file.contentType()))
                .orElseThrow(() -> ProblemException.badRequest("Cannot tell the format of '" + file.fileName()
                        + "': use a .csv, .json or .jsonl name, a matching part content type, or the 'format' field"));
        String datasetName = name != null ? name : file.fileName();
        String text = RequestText.decode(Files.readAllBytes(file.uploadedFile()), file.contentType());
        return store(datasetName, fileFormat, new StringReader(text), promptColumn, idColumn, uri);
    }

    @GET
    @Transactional
    public List<DatasetView> list() {
        return Dataset.<Dataset>list("order by createdAt desc").stream().map(DatasetView::of).toList();
    }

    @GET
    @Path("/{id}")
    @Transactional
    public DatasetView get(@RestPath UUID id) {
        return DatasetView.withTargets(store.find(id));
    }

    private Response store(String name, PromptFormat format, Reader reader, String promptColumn, String idColumn,
            UriInfo uri) {
        if (name.length() > 200) {
            throw ProblemException.badRequest("'name' is longer than 200 characters");
        }
        if (name.indexOf('\u0000') >= 0) {
            throw ProblemException.badRequest("'name' must not contain NUL characters (U+0000)");
        }
        List<ParsedPrompt> prompts = parser.parse(reader, format, promptColumn, idColumn);
        Dataset dataset = store.save(name, format, prompts);
        return Response.created(uri.getBaseUriBuilder().path("api/datasets").path(dataset.id.toString()).build())
                .entity(DatasetView.of(dataset)).build();
    }

    private static PromptFormat formatOf(String contentType) {
        return PromptFormat.fromMediaType(contentType).orElseThrow(() -> new ProblemException(415,
                "Unsupported Media Type", "Send prompts with Content-Type text/csv, application/json or "
                        + "application/x-ndjson, or as the multipart field 'file'"));
    }

    private byte[] readLimited(InputStream body) throws IOException {
        long max = maxBytes();
        byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
        if (bytes.length > max) {
            throw tooLarge();
        }
        return bytes;
    }

    private long maxBytes() {
        return config.datasets().maxUploadSize().asLongValue();
    }

    private ProblemException tooLarge() {
        return ProblemException.tooLarge("The upload is larger than the configured limit of " + maxBytes()
                + " bytes (cai.datasets.max-upload-size)");
    }

    /**
     * {@code targets}: prompts with an answer to train on — an alpaca {@code output}, or the {@code chosen} answer of
     * an imported preference pair (only in the single-dataset view).
     */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record DatasetView(UUID id, String name, String format, int size, Long targets, Instant createdAt,
            String createdBy) {
        static DatasetView of(Dataset d) {
            return new DatasetView(d.id, d.name, d.format, d.size, null, d.createdAt, d.createdBy);
        }

        static DatasetView withTargets(Dataset d) {
            return new DatasetView(d.id, d.name, d.format, d.size,
                    DatasetPrompt.count("datasetId = ?1 and target is not null and target <> ''", d.id), d.createdAt,
                    d.createdBy);
        }
    }
}
