package org.dossier.web.view;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.dossier.render.Fixtures;
import org.dossier.render.FormLayout;
import org.dossier.render.FormView;
import org.dossier.render.FormViewBuilder;
import org.dossier.render.RenderOptions;
import org.dossier.validation.FieldError;

/**
 * Writes a rendered form page to a file for a look in a browser, and measures how many whole
 * pages per second one thread renders. Run by hand: {@code RenderPreview <out.html> <css dir>}.
 */
public final class RenderPreview {
    private RenderPreview() {}

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "/tmp/render-preview.html");
        Path cssDir = Path.of(args.length > 1 ? args[1] : "engine/src/main/resources/public/css").toAbsolutePath();
        var templates = new PebbleTemplates();
        var layout = FormLayout.of(Fixtures.baseLikeSchema());
        var builder = new FormViewBuilder();
        ObjectNode data = Fixtures.baseLikeRecord();
        ((ObjectNode) data.get("identite")).put("nom", "");
        ((ObjectNode) data.get("logement_ressources")).put("loyer", "abc");
        var errors = List.of(new FieldError("/identite/nom", "minLength", "Indiquez le nom."),
                new FieldError("/logement_ressources/loyer", "invalidNumber", "Saisissez un nombre, par exemple 450 ou 450,50."));
        FormView form = builder.build(layout, data, errors, Locale.FRENCH, new RenderOptions(false));
        Path brand = out.resolveSibling("render-preview-brand.css");
        Files.writeString(brand, ":root { --brand: #1e3a8a; --brand-contrast: #ffffff; }\n");
        var model = PebbleTemplatesTest.formModel(form, Locale.FRENCH);
        model.put("brandCssUrl", brand.toUri().toString());
        model.put("flash", "Le dossier n’a pas été enregistré : corrigez les erreurs signalées.");
        String html = templates.render("form/form", model, Locale.FRENCH)
                .replace("/assets/css/dossier.css", cssDir.resolve("dossier.css").toUri().toString())
                .replace("/assets/js/dossier.js", cssDir.resolveSibling("js").resolve("dossier.js").toUri().toString());
        Files.writeString(out, html);
        System.out.println("Wrote " + out);

        var record = new org.dossier.render.RecordViewBuilder().build(layout, Fixtures.baseLikeRecord(), Locale.FRENCH,
                new RenderOptions(false));
        var recordModel = PebbleTemplatesTest.layoutModel(Locale.FRENCH).toModel();
        recordModel.put("brandCssUrl", brand.toUri().toString());
        recordModel.put("record", record);
        recordModel.put("editUrl", "#edit");
        Path recordOut = out.resolveSibling("render-preview-record.html");
        Files.writeString(recordOut, templates.render("record/view", recordModel, Locale.FRENCH)
                .replace("/assets/css/dossier.css", cssDir.resolve("dossier.css").toUri().toString()));
        System.out.println("Wrote " + recordOut);

        ObjectNode clean = Fixtures.baseLikeRecord();
        int warmup = 3000;
        int runs = 5000;
        for (int i = 0; i < warmup; i++) {
            renderOnce(templates, layout, builder, clean);
        }
        long start = System.nanoTime();
        long bytes = 0;
        for (int i = 0; i < runs; i++) {
            bytes += renderOnce(templates, layout, builder, clean).length();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("%d renders in %.2f s: %.0f pages/s on one thread (%d chars per page)%n",
                runs, seconds, runs / seconds, bytes / runs);
    }

    private static String renderOnce(PebbleTemplates templates, FormLayout layout, FormViewBuilder builder,
                                     ObjectNode data) {
        FormView form = builder.build(layout, data, List.of(), Locale.FRENCH, new RenderOptions(true));
        return templates.render("form/form", PebbleTemplatesTest.formModel(form, Locale.FRENCH), Locale.FRENCH);
    }
}
