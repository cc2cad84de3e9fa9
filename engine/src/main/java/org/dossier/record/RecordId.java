package org.dossier.record;

import java.util.Optional;
import java.util.UUID;
import org.dossier.ids.Uuids;

/**
 * A case-file id: a version-7 UUID. Its first 48 bits are the creation time in milliseconds, so
 * inserts stay in index order; its 74 random bits make ids impossible to guess from one another.
 */
public record RecordId(UUID value) {

    public static RecordId generate() {
        return new RecordId(Uuids.v7());
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

    /** The id as stored, {@code BINARY(16)}. */
    public byte[] toBytes() {
        return Uuids.toBytes(value);
    }

    /** The id read from its stored form. */
    public static RecordId fromBytes(byte[] bytes) {
        return new RecordId(Uuids.fromBytes(bytes));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
