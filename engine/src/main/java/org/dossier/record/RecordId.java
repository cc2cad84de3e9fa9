package org.dossier.record;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.UUID;

/**
 * A case-file id: a version-7 UUID. Its first 48 bits are the creation time in milliseconds, so
 * inserts stay in index order; its 74 random bits make ids impossible to guess from one another.
 */
public record RecordId(UUID value) {
    private static final SecureRandom RANDOM = new SecureRandom();

    public static RecordId generate() {
        return new RecordId(uuidV7());
    }

    /** Parses the canonical text form; anything else (including a number) is no id. */
    public static Optional<RecordId> parse(String text) {
        if (text == null || text.length() != 36) {
            return Optional.empty();
        }
        try {
            return Optional.of(new RecordId(UUID.fromString(text)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public byte[] toBytes() {
        return toBytes(value);
    }

    public static byte[] toBytes(UUID uuid) {
        return ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits()).array();
    }

    public static UUID fromBytes(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        return new UUID(buffer.getLong(), buffer.getLong());
    }

    /** A fresh version-7 UUID (RFC 9562). */
    public static UUID uuidV7() {
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

    @Override
    public String toString() {
        return value.toString();
    }
}
