package io.caitune.export;

import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/** An RFC 4180 CSV with a header row, written to a stream row by row (newlines inside values are kept, quoted). */
public final class CsvRows implements AutoCloseable {

    private static final CsvMapper MAPPER = new CsvMapper();

    private final SequenceWriter writer;

    private CsvRows(SequenceWriter writer) {
        this.writer = writer;
    }

    public static CsvRows open(OutputStream out, String... columns) throws IOException {
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true).setLineSeparator("\r\n");
        for (String column : columns) {
            schema.addColumn(column);
        }
        return new CsvRows(MAPPER.writer(schema.build()).writeValues(out));
    }

    /** Writes one row; for use inside the row callbacks of the exporters, which cannot throw IOException. */
    public void write(String... values) {
        try {
            writer.write(values);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }
}
