package org.dossier.web;

import io.javalin.http.Context;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.dossier.DomainException;

/**
 * Refuses request bodies over the configured size with 413 before anything reads them, whether
 * the client declares the length or streams the body in chunks.
 */
public final class BodyLimit {
    private final long maxBytes;

    public BodyLimit(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** A before-handler: a declared length over the limit is refused at once. */
    public void check(Context ctx) {
        String declared = ctx.header("Content-Length");
        if (declared != null) {
            try {
                if (Long.parseLong(declared.trim()) > maxBytes) {
                    throw tooLarge();
                }
            } catch (NumberFormatException e) {
                throw new DomainException("invalidRequest", 400, "invalid Content-Length");
            }
        }
    }

    /** The body as a stream that fails with 413 as soon as it passes the limit. */
    public InputStream bounded(InputStream body) {
        return new FilterInputStream(body) {
            private long read;

            @Override
            public int read() throws IOException {
                int value = super.read();
                if (value >= 0) {
                    count(1);
                }
                return value;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int count = super.read(buffer, offset, length);
                if (count > 0) {
                    count(count);
                }
                return count;
            }

            private void count(int bytes) {
                read += bytes;
                if (read > maxBytes) {
                    throw tooLarge();
                }
            }
        };
    }

    private static DomainException tooLarge() {
        return new DomainException("bodyTooLarge", 413, "request body over the limit");
    }
}
