package org.dossier.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * A {@code Content-Disposition: attachment} header for a file name as a person gave it: an ASCII
 * fallback for old clients and the exact name RFC 5987 encoded ({@code filename*=UTF-8''…}), so that
 * no quote, semicolon or line end in the name can break the header.
 */
public final class ContentDisposition {
    private ContentDisposition() {}

    public static String attachment(String fileName) {
        String fallback = fileName.replaceAll("[^A-Za-z0-9._ -]", "_");
        String encoded = URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20");
        return "attachment; filename=\"" + fallback + "\"; filename*=UTF-8''" + encoded;
    }
}
