package org.dossier.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.dossier.Services;
import org.dossier.audit.Actor;
import org.dossier.audit.ChainVerifier;
import org.dossier.tenant.Tenant;
import org.dossier.tenantmove.ServiceExport;
import org.dossier.tenantmove.ServiceImport;

/**
 * The {@code tenant-move} scenario: the first loaded service exported to one archive, then imported
 * beside itself under a new slug (new ids: every sealed value sealed again, the audit chain relinked),
 * with the time, the archive's size and the peak of the heap of each, and the copy's chain verified.
 */
final class TenantMoveBench {
    private TenantMoveBench() {}

    static void run(Services services, Tenant tenant) throws IOException {
        Path work = Files.createTempDirectory("dossier-bench-tenant-move");
        Path archive = work.resolve(tenant.slug() + ".zip");
        String passphrase = "bench passphrase for the archive";
        try {
            List<MemoryPoolMXBean> heap = resetHeap();
            ServiceExport.Exported exported = new ServiceExport(services.jdbi(), services.attachmentStore(),
                    services.encryption(), services.mapper(), services.audit(), Clock.systemUTC())
                    .export(tenant.slug(), passphrase, archive, Actor.system("bench"), line -> System.out.println("  export: " + line));
            System.out.printf("tenant export: %,d rows, archive %.1f MB, %.1f s, peak heap %d MiB (heap max %d MiB)%n",
                    exported.tables().values().stream().mapToLong(Long::longValue).sum(), exported.bytes() / 1e6,
                    exported.took().toMillis() / 1e3, peak(heap) >> 20, Runtime.getRuntime().maxMemory() >> 20);
            heap = resetHeap();
            ServiceImport.Imported imported = new ServiceImport(services.jdbi(), services.attachmentStore(),
                    services.encryption(), services.mapper(), services.audit(), services.tenants(), Clock.systemUTC())
                    .load(archive, passphrase, Optional.of(tenant.slug() + "-copy"), Actor.system("bench"),
                            line -> System.out.println("  import: " + line));
            System.out.printf("tenant import (new slug, new ids): %,d rows, %.1f s, peak heap %d MiB%n",
                    imported.tables().values().stream().mapToLong(Long::longValue).sum(), imported.took().toMillis() / 1e3,
                    peak(heap) >> 20);
            ChainVerifier.Report chain = new ChainVerifier(services.jdbi()).verify(imported.tenantId(), imported.slug());
            System.out.printf("copy's audit chain: %,d events, %s%n", chain.length(), chain.intact() ? "intact" : "BROKEN");
        } finally {
            Files.deleteIfExists(archive);
            Files.deleteIfExists(work);
        }
    }

    private static List<MemoryPoolMXBean> resetHeap() {
        System.gc();
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        return heap;
    }

    private static long peak(List<MemoryPoolMXBean> heap) {
        return heap.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
    }
}
