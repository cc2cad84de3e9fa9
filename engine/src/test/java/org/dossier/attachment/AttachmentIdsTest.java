package org.dossier.attachment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.dossier.export.SpreadsheetText;
import org.junit.jupiter.api.Test;

/** Attachment ids read back as themselves from every export: no spreadsheet takes one for a formula. */
class AttachmentIdsTest {

    @Test
    void ids_are_letters_and_digits_distinct_and_left_alone_by_the_formula_guard() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 20_000; i++) {
            String id = AttachmentService.newId();
            assertThat(id).matches("[A-Za-z0-9]{32}");
            assertThat(SpreadsheetText.neutralised(id)).isEqualTo(id);
            new ObjectKey(new org.dossier.tenant.TenantId(1), id);
            seen.add(id);
        }
        assertThat(seen).hasSize(20_000);
    }
}
