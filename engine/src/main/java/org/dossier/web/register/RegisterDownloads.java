package org.dossier.web.register;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import org.dossier.DomainException;
import org.dossier.account.TenantAccess;
import org.dossier.register.ProcessingRegister;
import org.dossier.register.RegisterService;
import org.dossier.web.RequestContext;
import org.dossier.web.RequestLocale;
import org.dossier.web.UiText;
import org.dossier.web.view.PebbleTemplates;

/**
 * The register as files a DPO can file: a PDF (the page's content laid out for A4 by openhtmltopdf
 * from the {@code register/pdf} XHTML template) and the JSON document itself. Each download is
 * audited ({@code register.downloaded}): the register leaves the application.
 */
public final class RegisterDownloads {
    private final RegisterService registers;
    private final PebbleTemplates templates;
    private final ObjectMapper json;

    public RegisterDownloads(RegisterService registers, PebbleTemplates templates, ObjectMapper json) {
        this.registers = registers;
        this.templates = templates;
        this.json = json;
    }

    public void pdf(Context ctx, TenantAccess access) {
        Locale locale = RequestLocale.of(ctx);
        ProcessingRegister register = selected(ctx, access);
        Map<String, Object> model = new java.util.HashMap<>();
        model.put("lang", locale.getLanguage());
        model.put("title", UiText.get(locale, "register.title"));
        model.put("register", RegisterView.of(register, locale));
        byte[] pdf = render(templates.render("register/pdf", model, locale));
        registers.downloaded(access.tenant().id(), register.formVersion(), "pdf", RequestContext.actor(ctx));
        send(ctx, "application/pdf", fileName(access, register, locale, "pdf"));
        ctx.result(pdf);
    }

    public void json(Context ctx, TenantAccess access) throws IOException {
        Locale locale = RequestLocale.of(ctx);
        ProcessingRegister register = selected(ctx, access);
        byte[] body = json.writerWithDefaultPrettyPrinter().writeValueAsBytes(register);
        registers.downloaded(access.tenant().id(), register.formVersion(), "json", RequestContext.actor(ctx));
        send(ctx, "application/json", fileName(access, register, locale, "json"));
        ctx.result(body);
    }

    private ProcessingRegister selected(Context ctx, TenantAccess access) {
        return RegisterPages.select(ctx, registers, access.tenant()).register()
                .orElseThrow(() -> new DomainException("notFound", 404, "no register at that date"));
    }

    /** Renders XHTML to PDF; the base-14 fonts cover French. */
    static byte[] render(String xhtml) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        try {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.withHtmlContent(xhtml, null);
            builder.toStream(out);
            builder.run();
        } catch (IOException e) {
            throw new UncheckedIOException("register PDF not rendered", e);
        }
        return out.toByteArray();
    }

    private static String fileName(TenantAccess access, ProcessingRegister register, Locale locale, String extension) {
        return UiText.get(locale, "register.file") + "-" + access.tenant().slug() + "-v" + register.formVersion() + "."
                + extension;
    }

    private static void send(Context ctx, String contentType, String fileName) {
        ctx.header("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
        ctx.header("Cache-Control", "no-store");
        ctx.contentType(contentType);
    }
}
