package org.dossier.web.platform;

import java.text.NumberFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.dossier.metrics.ServiceUsage;
import org.dossier.web.Dates;
import org.dossier.web.UiText;

/**
 * The usage columns of the services page, by slug: the figures of the last measure (every 15 minutes),
 * never counted while the page is drawn.
 *
 * @param usage      by service slug; a service created since the last measure has none
 * @param measuredAt when the figures were measured, empty before the first measure
 */
record UsageView(Map<String, Cells> usage, String measuredAt) {

    /** What one service's row shows. */
    record Cells(String caseFiles, String files, String database) {}

    static UsageView of(List<ServiceUsage> measured, Locale locale) {
        NumberFormat count = NumberFormat.getIntegerInstance(locale);
        Map<String, Cells> bySlug = measured.stream().collect(Collectors.toMap(ServiceUsage::slug,
                usage -> new Cells(count.format(usage.caseFiles()),
                        UiText.get(locale, "platform.usage.files", size(usage.attachmentBytes(), locale)),
                        UiText.get(locale, "platform.usage.database", size(usage.databaseBytes(), locale))),
                (first, second) -> first));
        String at = measured.stream().map(ServiceUsage::measuredAt).max(java.util.Comparator.naturalOrder())
                .map(instant -> Dates.time(instant, locale)).orElse("");
        return new UsageView(bySlug, at);
    }

    /** 840 o, 12 Ko, 1,2 Mo, 3,4 Go (fr); 840 B, 12 KB, 1.2 MB, 3.4 GB (en). */
    static String size(long bytes, Locale locale) {
        Function<Double, String> oneDecimal = value -> String.format(locale, "%.1f", value);
        if (bytes < 1024) {
            return UiText.get(locale, "attachment.size.bytes", bytes);
        }
        if (bytes < 1024L * 1024) {
            return UiText.get(locale, "attachment.size.kilobytes", Math.round(bytes / 1024.0));
        }
        if (bytes < 1024L * 1024 * 1024) {
            return UiText.get(locale, "attachment.size.megabytes", oneDecimal.apply(bytes / (1024.0 * 1024)));
        }
        return UiText.get(locale, "platform.usage.gigabytes", oneDecimal.apply(bytes / (1024.0 * 1024 * 1024)));
    }
}
