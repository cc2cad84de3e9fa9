package org.dossier.web.view;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.Writer;
import java.util.Arrays;

/**
 * A page written straight into UTF-8 bytes, as the answer carries it. A {@link java.io.StringWriter}
 * synchronises every write, grows a buffer of chars that French text (its typographic apostrophe is
 * beyond Latin-1) widens to two bytes a char, copies it into a String and encodes that again:
 * about a tenth of a case-file page's time. One writer per page, used by one thread.
 *
 * <p>Encodes as {@link String#getBytes} with UTF-8 does, a lone surrogate included (as {@code ?}).
 */
final class Utf8Writer extends Writer {
    private byte[] bytes;
    private int size;
    /** A high surrogate whose low half may come with the next write. */
    private char pendingHigh;
    /** The chars of a string being written (templates write their text as chars, values as strings). */
    private char[] scratch = new char[256];

    Utf8Writer(int expectedBytes) {
        this.bytes = new byte[Math.max(16, expectedBytes)];
    }

    @Override
    public void write(int c) {
        put((char) c);
    }

    @Override
    public void write(char[] chars, int offset, int length) {
        ensure(length * 3 + 1); // every char's bytes, and a '?' for a pending high surrogate
        int at = size;
        for (int i = offset; i < offset + length; i++) {
            char c = chars[i];
            if (c < 0x80 && pendingHigh == 0) {
                bytes[at++] = (byte) c; // the common case, without a call
            } else {
                size = at;
                put(c);
                at = size;
            }
        }
        size = at;
    }

    @Override
    public void write(String text, int offset, int length) {
        if (scratch.length < length) {
            scratch = new char[Math.max(length, scratch.length * 2)];
        }
        text.getChars(offset, offset + length, scratch, 0);
        write(scratch, 0, length);
    }

    @Override
    public Writer append(CharSequence text) {
        String string = String.valueOf(text);
        write(string, 0, string.length());
        return this;
    }

    private void put(char c) {
        if (pendingHigh != 0) {
            char high = pendingHigh;
            pendingHigh = 0;
            if (Character.isLowSurrogate(c)) {
                ensure(4);
                int code = Character.toCodePoint(high, c);
                bytes[size++] = (byte) (0xF0 | (code >> 18));
                bytes[size++] = (byte) (0x80 | ((code >> 12) & 0x3F));
                bytes[size++] = (byte) (0x80 | ((code >> 6) & 0x3F));
                bytes[size++] = (byte) (0x80 | (code & 0x3F));
                return;
            }
            ensure(1);
            bytes[size++] = '?';
        }
        ensure(3);
        if (c < 0x80) {
            bytes[size++] = (byte) c;
        } else if (c < 0x800) {
            bytes[size++] = (byte) (0xC0 | (c >> 6));
            bytes[size++] = (byte) (0x80 | (c & 0x3F));
        } else if (Character.isHighSurrogate(c)) {
            pendingHigh = c;
        } else if (Character.isLowSurrogate(c)) {
            bytes[size++] = '?';
        } else {
            bytes[size++] = (byte) (0xE0 | (c >> 12));
            bytes[size++] = (byte) (0x80 | ((c >> 6) & 0x3F));
            bytes[size++] = (byte) (0x80 | (c & 0x3F));
        }
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }

    /** Ends the text: a high surrogate left without its low half is written as {@code ?}. */
    private void finish() {
        if (pendingHigh != 0) {
            pendingHigh = 0;
            ensure(1);
            bytes[size++] = '?';
        }
    }

    /** The bytes written, without copying them. */
    InputStream toInputStream() {
        finish();
        return new ByteArrayInputStream(bytes, 0, size);
    }

    /** A copy of the bytes written. */
    byte[] toByteArray() {
        finish();
        return Arrays.copyOf(bytes, size);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
}
