package org.dossier.web;

import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dossier.DomainException;

/**
 * Parses an {@code application/x-www-form-urlencoded} body strictly. The servlet container
 * would quietly turn invalid UTF-8 into replacement characters and the record would be saved
 * with them; here such a body is refused with 400 and nothing is stored. A body of more than
 * {@link #MAX_FIELDS} fields is refused with 413 before any is decoded: a megabyte of {@code a&}
 * would otherwise become half a million entries for the coercer to walk.
 */
public final class FormBody {
    /** Fields in one post: the largest group a form may have (1,000 rows) with a few fields a row. */
    public static final int MAX_FIELDS = 10_000;
    private static final String PARSED = "dossier.formBody";
    private final BodyLimit bodyLimit;

    public FormBody(BodyLimit bodyLimit) {
        this.bodyLimit = bodyLimit;
    }

    /** Every name with its values in the order posted (checkboxes repeat a name); read once per request. */
    public Map<String, List<String>> parse(Context ctx) {
        Map<String, List<String>> parsed = ctx.attribute(PARSED);
        if (parsed == null) {
            parsed = read(ctx);
            ctx.attribute(PARSED, parsed);
        }
        return parsed;
    }

    private Map<String, List<String>> read(Context ctx) {
        String contentType = ctx.contentType();
        if (contentType != null && contentType.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/form-data")) {
            // A form with a file field: its fields through the container's parser, held to the route's
            // limits (UploadLimit); the files are read by who takes them (web/records/AttachmentUploads).
            return multipartFields(ctx);
        }
        if (contentType == null || !contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            throw new DomainException("unsupportedMediaType", 415, "expected a URL-encoded form");
        }
        byte[] body;
        try (InputStream in = bodyLimit.bounded(ctx.bodyInputStream())) {
            body = in.readAllBytes();
        } catch (IOException e) {
            throw new DomainException("invalidRequest", 400, e.getMessage());
        }
        int fields = 1;
        for (byte b : body) {
            if (b == '&' && ++fields > MAX_FIELDS) {
                throw new DomainException("tooManyFields", 413, "over " + MAX_FIELDS + " fields");
            }
        }
        Map<String, List<String>> params = new LinkedHashMap<>();
        int start = 0;
        for (int i = 0; i <= body.length; i++) {
            if (i == body.length || body[i] == '&') {
                if (i > start) {
                    addPair(params, body, start, i);
                }
                start = i + 1;
            }
        }
        return params;
    }

    private static Map<String, List<String>> multipartFields(Context ctx) {
        Map<String, List<String>> fields;
        try {
            fields = ctx.formParamMap();
        } catch (Exception e) { // the container's refusal arrives unchecked through Javalin
            throw Multipart.refusal(e);
        }
        if (fields.size() > MAX_FIELDS) {
            throw new DomainException("tooManyFields", 413, "over " + MAX_FIELDS + " fields");
        }
        return new LinkedHashMap<>(fields);
    }

    private static void addPair(Map<String, List<String>> params, byte[] body, int from, int to) {
        int equals = from;
        while (equals < to && body[equals] != '=') {
            equals++;
        }
        String name = decode(body, from, equals);
        String value = equals < to ? decode(body, equals + 1, to) : "";
        params.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
    }

    static String decode(byte[] body, int from, int to) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(to - from);
        for (int i = from; i < to; i++) {
            byte b = body[i];
            if (b == '+') {
                bytes.write(' ');
            } else if (b == '%') {
                if (i + 2 >= to) {
                    throw malformed();
                }
                int high = Character.digit(body[i + 1], 16);
                int low = Character.digit(body[i + 2], 16);
                if (high < 0 || low < 0) {
                    throw malformed();
                }
                bytes.write((high << 4) | low);
                i += 2;
            } else {
                bytes.write(b);
            }
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return decoder.decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw malformed();
        }
    }

    private static DomainException malformed() {
        return new DomainException("malformedForm", 400, "the form is not valid URL-encoded UTF-8");
    }
}
