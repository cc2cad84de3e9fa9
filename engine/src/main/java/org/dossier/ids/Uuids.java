package org.dossier.ids;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.UUID;

/**
 * Version-7 UUIDs and their 16-byte stored form ({@code BINARY(16)}). Case files and audit events
 * both use them: the first 48 bits are the creation time in milliseconds, so inserts stay in
 * index order; the 74 random bits make ids impossible to guess from one another.
 */
public final class Uuids {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Uuids() {}

    /** A fresh version-7 UUID (RFC 9562). */
    public static UUID v7() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        long millis = System.currentTimeMillis();
        for (int i = 0; i < 6; i++) {
            bytes[i] = (byte) (millis >>> (40 - 8 * i));
        }
        bytes[6] = (byte) ((bytes[6] & 0x0f) | 0x70);
        bytes[8] = (byte) ((bytes[8] & 0x3f) | 0x80);
        return fromBytes(bytes);
    }

    public static byte[] toBytes(UUID uuid) {
        return ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits()).array();
    }

    public static UUID fromBytes(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        return new UUID(buffer.getLong(), buffer.getLong());
    }
}
