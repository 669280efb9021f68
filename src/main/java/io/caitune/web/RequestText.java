package io.caitune.web;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A request body's or uploaded file's bytes as text: decoded in the charset its content type declares (UTF-8 when none), a leading
 * byte order mark dropped, bytes that are not valid in that charset and NUL characters refused with a 4xx instead of
 * being stored as garbage.
 */
public final class RequestText {

    private RequestText() {
    }

    public static String decode(byte[] bytes, String contentType) {
        Charset charset = declared(contentType);
        String text;
        try {
            text = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw ProblemException.badRequest("The body is not valid " + charset.name() + " text; declare its "
                    + "encoding in the content type (for example text/csv; charset=ISO-8859-1)");
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        int nul = text.indexOf('\u0000');
        if (nul >= 0) {
            throw ProblemException.badRequest("The body holds a NUL character (U+0000) at character " + nul
                    + "; is it really " + charset.name() + " text?");
        }
        return text;
    }

    private static Charset declared(String contentType) {
        if (contentType == null) {
            return StandardCharsets.UTF_8;
        }
        for (String parameter : contentType.split(";")) {
            String[] pair = parameter.split("=", 2);
            if (pair.length == 2 && pair[0].strip().toLowerCase(Locale.ROOT).equals("charset")) {
                String name = pair[1].strip().replace("\"", "");
                try {
                    return Charset.forName(name);
                } catch (IllegalArgumentException e) {
                    throw new ProblemException(415, "Unsupported Media Type", "charset '" + name
                            + "' is not supported; send UTF-8 or name a standard charset");
                }
            }
        }
        return StandardCharsets.UTF_8;
    }
}
