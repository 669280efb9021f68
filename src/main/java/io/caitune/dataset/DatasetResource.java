package io.caitune.dataset;

import io.caitune.config.CaiConfig;
import io.caitune.web.ProblemException;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
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
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

@Path("/api/datasets")
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

    @POST
    @Consumes({ "text/csv", "application/csv", MediaType.APPLICATION_JSON, "application/x-ndjson", "application/jsonl" })
    @Operation(summary = "Upload prompts as CSV, alpaca JSON / JSONL or a JSON list of strings")
    public Response upload(InputStream body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @RestQuery String name, @RestQuery String promptColumn, @RestQuery String idColumn, UriInfo uri)
            throws IOException {
        PromptFormat format = PromptFormat.fromMediaType(contentType).orElseThrow();
        String text = readLimited(body);
        return store(name == null ? "dataset" : name, format, new StringReader(text), promptColumn, idColumn, uri);
    }

    // ROLE: operator
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
        PromptFormat format = PromptFormat.fromMediaType(contentType).orElseThrow();
        String text = readLimited(body);
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
        try (Reader reader = new InputStreamReader(Files.newInputStream(file.uploadedFile()), StandardCharsets.UTF_8)) {
            return store(datasetName, fileFormat, reader, promptColumn, idColumn, uri);
        }
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
        return DatasetView.of(DatasetStore.find(id));
    }

    private Response store(String name, PromptFormat format, Reader reader, String promptColumn, String idColumn,
            UriInfo uri) {
        if (name.length() > 200) {
            throw ProblemException.badRequest("'name' is longer than 200 characters");
        }
        List<ParsedPrompt> prompts = parser.parse(reader, format, promptColumn, idColumn);
        Dataset dataset = store.save(name, format, prompts);
        return Response.created(uri.getBaseUriBuilder().path("api/datasets").path(dataset.id.toString()).build())
                .entity(DatasetView.of(dataset)).build();
    }

    private String readLimited(InputStream body) throws IOException {
        long max = maxBytes();
        byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
        if (bytes.length > max) {
            throw tooLarge();
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private long maxBytes() {
        return config.datasets().maxUploadSize().asLongValue();
    }

    private ProblemException tooLarge() {
        return ProblemException.tooLarge("The upload is larger than the configured limit of " + maxBytes()
                + " bytes (cai.datasets.max-upload-size)");
    }

    public record DatasetView(UUID id, String name, String format, int size, Instant createdAt) {
        static DatasetView of(Dataset d) {
            return new DatasetView(d.id, d.name, d.format, d.size, d.createdAt);
        }
    }
}
