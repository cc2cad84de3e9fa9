package org.dossier.web;

import io.javalin.http.Context;
import jakarta.servlet.MultipartConfigElement;
import java.util.List;
import java.util.regex.Pattern;
import org.dossier.attachment.AttachmentSettings;

/**
 * The body limit of every request, and the larger one of the routes that take a case file's
 * files: the multipart posts of the case-file form (new, edit, a section) and the API's upload. Those may
 * carry a case file's worth of files ({@code maxCaseFileBytes}) besides the form; every other
 * route keeps the general limit, multipart ones (the logo) included: the container's multipart
 * limits are set per request here, before anything parses the body.
 */
public final class UploadLimit {
    /** The attribute Jetty reads the multipart limits of a request from (Javalin sets it only when absent). */
    private static final String MULTIPART_CONFIG = "org.eclipse.jetty.multipartConfig";
    /** The attribute that keeps the request's limit for a handler that streams the body itself. */
    private static final String LIMIT = UploadLimit.class.getName() + ".limit";
    /** The case-file form's posts: larger only when multipart, the one encoding that carries files. */
    private static final List<Pattern> FORM_ROUTES = List.of(
            Pattern.compile("/t/[^/]+/records/?"),
            Pattern.compile("/t/[^/]+/records/[^/]+/?"),
            Pattern.compile("/t/[^/]+/records/[^/]+/sections/[^/]+/?"));
    /** The API's upload: its body is the file. */
    private static final Pattern API_UPLOAD = Pattern.compile("/api/v1/tenants/[^/]+/records/[^/]+/attachments/?");
    /** An import's file: the page's upload and the API's body, as large as a case file's files may be. */
    private static final List<Pattern> IMPORT_ROUTES = List.of(Pattern.compile("/t/[^/]+/admin/imports/?"),
            Pattern.compile("/api/v1/tenants/[^/]+/records/imports/?"));

    private final BodyLimit general;
    private final BodyLimit uploads;
    private final long uploadBytes;

    public UploadLimit(BodyLimit general, long maxBodyBytes, AttachmentSettings attachments) {
        this.general = general;
        this.uploadBytes = maxBodyBytes + attachments.maxCaseFileBytes();
        this.uploads = new BodyLimit(uploadBytes);
    }

    /** The largest body any route admits, for the container's own ceiling. */
    public long largest() {
        return uploadBytes;
    }

    /** A before-handler: the route's limit on the declared length, and on the multipart parser. */
    public void check(Context ctx) {
        ctx.attribute(LIMIT, of(ctx));
        if (isUpload(ctx)) {
            ctx.req().setAttribute(MULTIPART_CONFIG, new MultipartConfigElement(null, uploadBytes, uploadBytes,
                    (int) Math.min(Integer.MAX_VALUE, uploadBytes)));
            uploads.check(ctx);
        } else {
            general.check(ctx);
        }
    }

    /** The body limit of the request's route, for a handler that reads the body as a stream. */
    public BodyLimit of(Context ctx) {
        return isUpload(ctx) ? uploads : general;
    }

    /**
     * The request's body as a stream bounded by its route's limit, counted while it is read: a
     * chunked body, which declares no length, fails with 413 as soon as it passes the limit.
     */
    public static java.io.InputStream boundedBody(Context ctx) {
        BodyLimit limit = ctx.attribute(LIMIT);
        if (limit == null) {
            throw new IllegalStateException("the upload limit's before-handler did not run");
        }
        return limit.bounded(ctx.bodyInputStream());
    }

    static boolean isUpload(Context ctx) {
        if (!"POST".equals(ctx.method().name())) {
            return false;
        }
        String path = ctx.path();
        if (API_UPLOAD.matcher(path).matches() || IMPORT_ROUTES.stream().anyMatch(route -> route.matcher(path).matches())) {
            return true;
        }
        String contentType = ctx.contentType();
        return contentType != null && contentType.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/form-data")
                && FORM_ROUTES.stream().anyMatch(route -> route.matcher(path).matches());
    }
}
