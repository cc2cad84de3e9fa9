package org.dossier.attachment;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Passes on exactly the announced number of bytes, and fails before handing over the last of them when
 * the source turns out shorter or longer: an upload then breaks off mid-request, and a store that only
 * keeps complete requests (S3) keeps nothing. A failure is final: a client that retries and reads on
 * gets the same error, never a quiet end of stream that would pass a truncated object for a whole one.
 */
final class ExactLengthInputStream extends FilterInputStream {
    private final long size;
    private long remaining;
    private boolean endChecked;
    private IOException failure;

    ExactLengthInputStream(InputStream source, long size) {
        super(source);
        if (size < 0) {
            throw new IllegalArgumentException("a size is not negative: " + size);
        }
        this.size = size;
        this.remaining = size;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int read = read(one, 0, 1);
        return read == -1 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (failure != null) {
            throw failure;
        }
        if (length == 0) {
            return 0;
        }
        if (remaining == 0) {
            checkEnd();
            return -1;
        }
        int read = in.read(buffer, offset, (int) Math.min(length, remaining));
        if (read == -1) {
            throw fail("the content ended after " + (size - remaining) + " of " + size + " bytes");
        }
        remaining -= read;
        if (remaining == 0) {
            checkEnd();
        }
        return read;
    }

    private void checkEnd() throws IOException {
        if (!endChecked) {
            endChecked = true;
            if (in.read() != -1) {
                throw fail("the content is longer than the " + size + " bytes announced");
            }
        }
    }

    private IOException fail(String message) {
        failure = new IOException(message);
        return failure;
    }

    @Override
    public long skip(long count) throws IOException {
        throw new IOException("an upload is read in full");
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}
