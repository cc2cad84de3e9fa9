package org.dossier.web.retention;

import java.util.Locale;
import java.util.OptionalInt;
import org.dossier.retention.RetentionPolicy;
import org.dossier.web.UiText;
import org.dossier.web.view.PageErrors;

/** The checks of the retention form, one message per input, in the bounds {@link RetentionPolicy} documents. */
final class RetentionSettingForm {
    private RetentionSettingForm() {}

    static PageErrors problems(String active, String kept, Locale locale) {
        PageErrors.Builder errors = new PageErrors.Builder(name -> "retention-" + name);
        OptionalInt activeYears = number(active);
        OptionalInt keptYears = number(kept);
        boolean activeOk = activeYears.isPresent() && activeYears.getAsInt() >= RetentionPolicy.MIN_ACTIVE
                && activeYears.getAsInt() <= RetentionPolicy.MAX_ACTIVE;
        if (!activeOk) {
            errors.input("active", UiText.get(locale, "retentionSetting.error.active", RetentionPolicy.MIN_ACTIVE,
                    RetentionPolicy.MAX_ACTIVE));
        }
        int keptFrom = activeOk ? activeYears.getAsInt() : RetentionPolicy.MIN_ACTIVE;
        if (keptYears.isEmpty() || keptYears.getAsInt() < keptFrom || keptYears.getAsInt() > RetentionPolicy.MAX_KEPT) {
            errors.input("kept", UiText.get(locale, "retentionSetting.error.kept", keptFrom, RetentionPolicy.MAX_KEPT));
        }
        return errors.build();
    }

    private static OptionalInt number(String text) {
        if (text == null || !text.matches("[0-9]{1,3}")) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(Integer.parseInt(text));
    }
}
