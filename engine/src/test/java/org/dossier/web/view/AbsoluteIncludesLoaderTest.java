package org.dossier.web.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.pebbletemplates.pebble.loader.ClasspathLoader;
import java.util.List;
import org.junit.jupiter.api.Test;

class AbsoluteIncludesLoaderTest {
    private final ClassLoader classes = AbsoluteIncludesLoaderTest.class.getClassLoader();

    @Test
    void resolves_every_include_name_as_pebbles_own_loader_does() {
        ClasspathLoader pebbles = new ClasspathLoader(classes);
        PebbleTemplates.AbsoluteIncludesLoader ours = new PebbleTemplates.AbsoluteIncludesLoader(classes);
        List<String> names = List.of("form/item", "form/row", "./row", "../form/row", ".\\row", "..\\form\\row",
                ".hidden", "", "pages/record-form");
        for (String name : names) {
            assertThat(ours.resolveRelativePath(name, "form/section"))
                    .as(name).isEqualTo(pebbles.resolveRelativePath(name, "form/section"));
        }
        assertThat(ours.resolveRelativePath("./row", "form/section")).isEqualTo("form/row");
        assertThat(ours.resolveRelativePath("form/row", "form/section")).isNull();
    }
}
