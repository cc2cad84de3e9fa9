package org.dossier.form;

import com.fasterxml.jackson.databind.JsonNode;
import org.everit.json.schema.Schema;
import org.everit.json.schema.loader.SchemaLoader;
import org.json.JSONObject;

/**
 * The one way a JSON Schema held as Jackson tree becomes an everit validator: draft 7, with
 * everit's format validators (email…) on, which draft-07 support registers by default, and
 * {@code date} replaced by the strict {@link CalendarDate}.
 */
public final class EveritSchemas {
    private EveritSchemas() {}

    /** @throws RuntimeException (everit's SchemaException among others) when the schema cannot be loaded */
    public static Schema load(JsonNode schema) {
        return SchemaLoader.builder()
                .schemaJson(new JSONObject(schema.toString()))
                .draftV7Support()
                .enableOverrideOfBuiltInFormatValidators()
                .addFormatValidator(new CalendarDate())
                .build()
                .load()
                .build();
    }
}
