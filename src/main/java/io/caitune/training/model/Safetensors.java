package io.caitune.training.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The safetensors file format: an 8-byte little-endian header length, a JSON header naming each tensor's dtype,
 * shape and byte range, then the raw little-endian tensor bytes. Reading is DJL's ({@code NDList.decode}); what DJL
 * does not do stays here: checking a header before trusting it, and writing the file transformers loads (DJL's
 * encoder leaves out the {@code {"format": "pt"}} metadata transformers requires and does not align the data).
 */
public final class Safetensors {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MAX_HEADER = 100L * 1024 * 1024;

    private Safetensors() {
    }

    /**
     * Reads every tensor into {@code manager} by name, with DJL's own safetensors decoder; F16 and BF16 tensors come
     * back as F32. The header is checked first ({@link #check}): DJL trusts the byte ranges it is given.
     */
    public static Map<String, NDArray> read(Path file, NDManager manager) throws IOException {
        check(file);
        NDList decoded;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            decoded = NDList.decode(manager, in);
        }
        Map<String, NDArray> tensors = new LinkedHashMap<>();
        for (NDArray array : decoded) {
            tensors.put(array.getName(), array.getDataType() == DataType.FLOAT32 ? array
                    : array.toType(DataType.FLOAT32, false));
        }
        return tensors;
    }

    /**
     * Checks the header without reading any tensor: its length, its JSON, and that every tensor's dtype is known and
     * its byte range fits its shape and the file. A file that passes can still hold the wrong tensors for a model.
     */
    public static void check(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            if (channel.size() < 8) {
                throw new IOException("it is " + channel.size() + " bytes long, too short for a safetensors file");
            }
            long headerLength = readFully(channel, 8, 0).order(ByteOrder.LITTLE_ENDIAN).getLong();
            if (headerLength <= 0 || headerLength > MAX_HEADER || 8 + headerLength > channel.size()) {
                throw new IOException("it is not a safetensors file (header length " + headerLength + ")");
            }
            JsonNode header;
            try {
                header = JSON.readTree(StandardCharsets.UTF_8.decode(readFully(channel, (int) headerLength, 8))
                        .toString());
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IOException("its header is not JSON: " + e.getOriginalMessage());
            }
            if (header == null || !header.isObject()) {
                throw new IOException("its header is not a JSON object");
            }
            long dataSize = channel.size() - 8 - headerLength;
            for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> entry = it.next();
                if (entry.getKey().equals("__metadata__")) {
                    continue;
                }
                JsonNode info = entry.getValue();
                JsonNode offsets = info.path("data_offsets");
                JsonNode shape = info.path("shape");
                if (!offsets.isArray() || offsets.size() != 2 || !shape.isArray() || !info.path("dtype").isTextual()) {
                    throw new IOException("tensor '" + entry.getKey() + "' lacks a dtype, shape or data_offsets");
                }
                DataType type = dataType(info.get("dtype").asText(), entry.getKey());
                long elements = 1;
                for (JsonNode dim : shape) {
                    if (!dim.canConvertToLong() || dim.asLong() < 0) {
                        throw new IOException("tensor '" + entry.getKey() + "' has an invalid shape " + shape);
                    }
                    elements = Math.multiplyExact(elements, dim.asLong());
                }
                long begin = offsets.get(0).asLong();
                long end = offsets.get(1).asLong();
                if (begin < 0 || end < begin || end > dataSize || end - begin != elements * type.getNumOfBytes()) {
                    throw new IOException("tensor '" + entry.getKey() + "' has a byte range that does not fit its "
                            + "shape or the file");
                }
            }
        } catch (ArithmeticException e) {
            throw new IOException("a tensor shape overflows");
        }
    }

    /** Writes F32 tensors in the given order, with {@code {"format": "pt"}} metadata as transformers expects. */
    public static void write(Path file, Map<String, NDArray> tensors) throws IOException {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("__metadata__", Map.of("format", "pt"));
        long offset = 0;
        for (Map.Entry<String, NDArray> entry : tensors.entrySet()) {
            NDArray array = entry.getValue();
            long length = array.size() * DataType.FLOAT32.getNumOfBytes();
            header.put(entry.getKey(), Map.of("dtype", "F32", "shape", array.getShape().getShape(),
                    "data_offsets", new long[] {offset, offset + length}));
            offset += length;
        }
        byte[] json = JSON.writeValueAsBytes(header);
        int padded = (json.length + 7) / 8 * 8; // spaces keep the tensor data 8-byte aligned
        ByteBuffer prefix = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
        prefix.putLong(padded).put(json);
        while (prefix.hasRemaining()) {
            prefix.put((byte) ' ');
        }
        prefix.flip();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            writeFully(channel, prefix);
            for (NDArray array : tensors.values()) {
                if (array.getDataType() == DataType.FLOAT32) {
                    writeFully(channel, array.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN));
                } else {
                    try (NDArray f32 = array.toType(DataType.FLOAT32, false)) {
                        writeFully(channel, f32.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN));
                    }
                }
            }
        }
    }

    private static DataType dataType(String dtype, String name) throws IOException {
        return switch (dtype) {
            case "F32" -> DataType.FLOAT32;
            case "F16" -> DataType.FLOAT16;
            case "BF16" -> DataType.BFLOAT16;
            default -> throw new IOException("Tensor '" + name + "' has unsupported dtype " + dtype);
        };
    }

    private static ByteBuffer readFully(FileChannel channel, int length, long position) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocateDirect(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new IOException("Unexpected end of safetensors file");
            }
        }
        return buffer.flip();
    }

    private static void writeFully(FileChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }
}
