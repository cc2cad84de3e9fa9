package org.dossier.formfile;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Form definitions written outside Dossier, in {@code fixtures/formfiles/}: base vocabulary plus title and description. */
public final class FormFixtures {
    private FormFixtures() {}

    /** A food-aid request form: two sections, a required name, an e-mail, a bounded integer, an enum. */
    public static ObjectNode foodAid() {
        return read("aide-alimentaire.schema.json");
    }

    /**
     * A definition with three problems: a required key no property defines ({@code /required/1}), an
     * unknown x- keyword ({@code x-couleur}) and a list allowed more than the platform's cap ({@code maxItems}).
     */
    public static ObjectNode refused() {
        return read("refused.schema.json");
    }

    public static byte[] bytes(String name) {
        try (InputStream in = FormFixtures.class.getResourceAsStream("/fixtures/formfiles/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode read(String name) {
        try {
            return (ObjectNode) new ObjectMapper().readTree(bytes(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
