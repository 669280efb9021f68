package io.caitune.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import jakarta.ws.rs.ConstrainedTo;
import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

import java.io.IOException;

/**
 * The mapper that binds request bodies: JSON types are taken as written. {@code 1.5} or {@code "2"} is not an int,
 * {@code 42} is not a string, a number or a string is not an object, and text may not hold NUL characters (PostgreSQL
 * cannot store them). Only the server's request bodies use it: the model provider's client copies the application
 * mapper, which stays lenient, since provider answers are not ours to police.
 */
@Provider
@ConstrainedTo(RuntimeType.SERVER)
public class StrictJson implements ContextResolver<ObjectMapper> {

    private final ObjectMapper strict;

    public StrictJson(ObjectMapper mapper) {
        this.strict = strict(mapper.copy());
    }

    @Override
    public ObjectMapper getContext(Class<?> type) {
        return strict;
    }

    static ObjectMapper strict(ObjectMapper mapper) {
        mapper.configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, false);
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        mapper.enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        for (LogicalType target : new LogicalType[] { LogicalType.Textual, LogicalType.POJO, LogicalType.Collection,
                LogicalType.Map, LogicalType.Array }) {
            mapper.coercionConfigFor(target)
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        }
        for (LogicalType target : new LogicalType[] { LogicalType.POJO, LogicalType.Collection, LogicalType.Map,
                LogicalType.Array }) {
            mapper.coercionConfigFor(target)
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        }
        mapper.registerModule(new SimpleModule("strict-text").addDeserializer(String.class, new NoNulText()));
        return mapper;
    }

    /**
     * Jackson's own string reading (with the coercion rules of the mapper it is registered on), refusing U+0000; also
     * what the constitution importer's mapper reads text with.
     */
    public static final class NoNulText extends StdScalarDeserializer<String> {

        public NoNulText() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String value = StringDeserializer.instance.deserialize(p, ctxt);
            if (value != null && value.indexOf('\u0000') >= 0) {
                throw new NulInText(p);
            }
            return value;
        }
    }

    /** Text with a NUL character: a mismatched input (400 naming the field) that callers can tell apart. */
    public static final class NulInText extends MismatchedInputException {

        NulInText(JsonParser p) {
            super(p, "NUL characters (U+0000) are not accepted in text", String.class);
        }
    }
}
