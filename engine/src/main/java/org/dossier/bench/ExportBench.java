package org.dossier.bench;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.dossier.Services;
import org.dossier.export.ExportFormat;
import org.dossier.tenant.Tenant;

/**
 * The {@code export} scenario: each format of the first service's whole caseload (archived files
 * included) downloaded through the API, one after the other, timed from the request to the first
 * byte and to the last, with the peak of the heap while it ran (the server runs in this JVM; the
 * database in its own process). Run it under a small {@code -Xmx} to see that the export does not
 * grow with the number of case files.
 */
final class ExportBench {
    private ExportBench() {}

    /** One format's figures. */
    record Figures(String format, long rows, long bytes, double firstByteSeconds, double seconds, long peakHeapBytes,
                   double longestPauseSeconds) {
        double rowsPerMinute() {
            return rows / seconds * 60;
        }
    }

    static List<Figures> run(Services services, Tenant tenant, int port, Credentials credentials)
            throws IOException, InterruptedException {
        // The load copies case files in SQL with new ids; a sealed value is bound to its case file's id, so a
        // copy's confidential notes cannot open (the record view refuses them too). The copies lose them here;
        // the case files loaded through the engine (those with a history) keep theirs, sealed.
        services.jdbi().useHandle(handle -> handle.createUpdate("""
                        UPDATE records SET data = JSON_REMOVE(data, '$.notes_confidentielles')
                         WHERE tenant_id = :tenantId AND NOT EXISTS (SELECT 1 FROM record_changes c
                                WHERE c.tenant_id = :tenantId AND c.record_id = records.id)
                        """).bind("tenantId", tenant.id()).execute());
        long rows = services.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT COUNT(*) FROM records WHERE tenant_id = :tenantId")
                .bind("tenantId", tenant.id()).mapTo(Long.class).one());
        HttpClient http = HttpClient.newHttpClient();
        List<Figures> figures = new java.util.ArrayList<>();
        System.out.printf("export: %d case files of %s, heap max %d MiB%n", rows, tenant.slug(),
                Runtime.getRuntime().maxMemory() >> 20);
        // Each format, then CSV again as a ZIP with the files (`attachments=1`): what the option costs.
        List<String> runs = new java.util.ArrayList<>();
        for (ExportFormat format : ExportFormat.values()) {
            runs.add(format.key());
        }
        runs.add(ExportFormat.CSV.key() + "&attachments=1");
        for (String run : runs) {
            System.gc();
            List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
            heap.forEach(MemoryPoolMXBean::resetPeakUsage);
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/tenants/"
                            + tenant.slug() + "/records/export?archived=1&format=" + run))
                    .header("Authorization", "Bearer " + credentials.token()).GET().build();
            long start = System.nanoTime();
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            long bytes = 0;
            double firstByte = -1;
            // The longest wait between two reads: what a proxy's idle time-out would have to allow.
            long longestPause = 0;
            try (InputStream body = response.body()) {
                byte[] buffer = new byte[64 * 1024];
                long last = System.nanoTime();
                for (int read; (read = body.read(buffer)) >= 0; ) {
                    long now = System.nanoTime();
                    if (firstByte < 0) {
                        firstByte = (now - start) / 1e9;
                    } else {
                        longestPause = Math.max(longestPause, now - last);
                    }
                    last = now;
                    bytes += read;
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            if (response.statusCode() != 200) {
                throw new IOException("export " + run + " answered " + response.statusCode());
            }
            long peak = heap.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
            String label = run.replace("&attachments=1", "+files");
            Figures figure = new Figures(label, rows, bytes, firstByte, seconds, peak, longestPause / 1e9);
            figures.add(figure);
            System.out.printf("  %-5s %,d rows, %,d bytes: first byte %.2f s, all %.1f s, %,.0f rows/min, peak heap %d MiB,"
                            + " longest pause %.2f s%n", label, rows, bytes, firstByte, seconds,
                    figure.rowsPerMinute(), peak >> 20, figure.longestPauseSeconds());
        }
        return figures;
    }
}
