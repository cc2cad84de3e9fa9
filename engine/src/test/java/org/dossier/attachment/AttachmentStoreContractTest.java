package org.dossier.attachment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.dossier.tenant.TenantId;
import org.dossier.testing.TestS3;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every attachment store promises, checked on each: the filesystem under a data directory and an
 * S3 bucket on a real S3 server (S3Proxy, started in this JVM). Each test works in services of its
 * own, so the stores are shared by the whole class.
 */
class AttachmentStoreContractTest {
    private static final AtomicLong NEXT_TENANT = new AtomicLong(System.nanoTime() % 1_000_000_000L + 1);
    private static FileSystemStore fileSystem;
    private static S3Store s3;

    static synchronized Stream<Named<AttachmentStore>> stores() {
        if (s3 == null) {
            try {
                fileSystem = FileSystemStore.under(Files.createTempDirectory("dossier-attachments-"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            // Pages of 100 keys rather than S3's 1,000, so that listing and batch deletion go over several.
            s3 = TestS3.newStore().pagedBy(100);
        }
        return Stream.of(Named.of("filesystem", fileSystem), Named.of("S3", s3));
    }

    @ParameterizedTest
    @MethodSource("stores")
    void a_stored_object_opens_with_the_same_bytes(AttachmentStore store) throws IOException {
        ObjectKey key = newKey(newTenant());
        byte[] content = randomBytes(1024 * 1024 + 17);

        store.put(key, new ByteArrayInputStream(content), content.length, "application/pdf");

        assertThat(store.exists(key)).isTrue();
        try (InputStream in = store.open(key)) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
    }

    /** Larger than any buffer on the way (the SDK's chunks, the retry buffer): streamed in and out, compared by digest. */
    @ParameterizedTest
    @MethodSource("stores")
    void a_large_object_streams_in_and_out_unchanged(AttachmentStore store) throws Exception {
        ObjectKey key = newKey(newTenant());
        long size = 24L * 1024 * 1024 + 3;
        MessageDigest sent = MessageDigest.getInstance("SHA-256");
        MessageDigest received = MessageDigest.getInstance("SHA-256");

        store.put(key, new DigestInputStream(new GeneratedStream(size), sent), size, "application/pdf");

        try (InputStream in = new DigestInputStream(store.open(key), received)) {
            assertThat(in.transferTo(OutputStream.nullOutputStream())).isEqualTo(size);
        }
        assertThat(received.digest()).isEqualTo(sent.digest());
        assertThat(store.bytes(key.tenantId())).isEqualTo(size);
    }

    @ParameterizedTest
    @MethodSource("stores")
    void an_empty_file_is_stored_and_read_back_empty(AttachmentStore store) throws IOException {
        ObjectKey key = newKey(newTenant());

        store.put(key, new ByteArrayInputStream(new byte[0]), 0, "text/plain");

        assertThat(store.exists(key)).isTrue();
        try (InputStream in = store.open(key)) {
            assertThat(in.readAllBytes()).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("stores")
    void an_absent_object_does_not_exist_and_opening_it_fails_naming_its_key(AttachmentStore store) throws IOException {
        ObjectKey key = newKey(newTenant());

        assertThat(store.exists(key)).isFalse();
        assertThatThrownBy(() -> store.open(key).close())
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining(key.path());
    }

    @ParameterizedTest
    @MethodSource("stores")
    void a_deleted_object_is_gone_and_deleting_it_again_is_not_an_error(AttachmentStore store) throws IOException {
        ObjectKey key = newKey(newTenant());
        store.put(key, text("rent receipt"), 12, "text/plain");

        store.delete(key);
        store.delete(key);

        assertThat(store.exists(key)).isFalse();
        assertThatThrownBy(() -> store.open(key).close()).isInstanceOf(NoSuchFileException.class);
    }

    @ParameterizedTest
    @MethodSource("stores")
    void a_put_whose_stream_is_shorter_than_its_size_fails_and_leaves_nothing(AttachmentStore store) throws IOException {
        TenantId tenant = newTenant();
        ObjectKey key = newKey(tenant);
        byte[] content = randomBytes(300_000);

        assertThatThrownBy(() -> store.put(key, new ByteArrayInputStream(content), content.length + 1, "image/png"))
                .isInstanceOf(IOException.class);

        assertThat(store.exists(key)).isFalse();
        assertThatThrownBy(() -> store.open(key).close()).isInstanceOf(NoSuchFileException.class);
        assertThat(store.bytes(tenant)).isZero();
    }

    @ParameterizedTest
    @MethodSource("stores")
    void a_put_whose_stream_is_longer_than_its_size_fails_and_leaves_nothing(AttachmentStore store) throws IOException {
        TenantId tenant = newTenant();
        ObjectKey key = newKey(tenant);
        byte[] content = randomBytes(5_000);

        assertThatThrownBy(() -> store.put(key, new ByteArrayInputStream(content), content.length - 1, "image/png"))
                .isInstanceOf(IOException.class);

        assertThat(store.exists(key)).isFalse();
        assertThat(store.bytes(tenant)).isZero();
    }

    @ParameterizedTest
    @MethodSource("stores")
    void keys_of_two_services_never_see_each_other(AttachmentStore store) throws IOException {
        TenantId first = newTenant();
        TenantId second = newTenant();
        String id = newId();
        ObjectKey firstKey = new ObjectKey(first, id);
        ObjectKey secondKey = new ObjectKey(second, id);
        store.put(firstKey, text("first service"), 13, "text/plain");

        assertThat(store.exists(secondKey)).isFalse();
        assertThatThrownBy(() -> store.open(secondKey).close()).isInstanceOf(NoSuchFileException.class);

        store.put(secondKey, text("second"), 6, "text/plain");
        store.delete(secondKey);
        assertThat(store.deleteService(second)).isZero();

        try (InputStream in = store.open(firstKey)) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("first service");
        }
        assertThat(store.bytes(first)).isEqualTo(13);
        assertThat(store.bytes(second)).isZero();
    }

    @ParameterizedTest
    @MethodSource("stores")
    void bytes_adds_up_a_service_objects_only(AttachmentStore store) throws IOException {
        TenantId tenant = newTenant();
        TenantId other = newTenant();
        store.put(newKey(tenant), new ByteArrayInputStream(randomBytes(1000)), 1000, "image/jpeg");
        store.put(newKey(tenant), new ByteArrayInputStream(randomBytes(2345)), 2345, "image/jpeg");
        store.put(newKey(other), new ByteArrayInputStream(randomBytes(777)), 777, "image/jpeg");

        assertThat(store.bytes(tenant)).isEqualTo(3345);
        assertThat(store.bytes(other)).isEqualTo(777);
        assertThat(store.bytes(newTenant())).isZero();
    }

    /** More objects than one listing page or one batch deletion holds (100 here, 1,000 on S3 by default). */
    @ParameterizedTest
    @MethodSource("stores")
    void delete_service_removes_every_object_of_the_service_and_no_other(AttachmentStore store) throws IOException {
        TenantId doomed = newTenant();
        TenantId kept = newTenant();
        int count = 250;
        ObjectKey sample = null;
        for (int i = 0; i < count; i++) {
            ObjectKey key = newKey(doomed);
            store.put(key, text("n" + i % 10), 2, "text/plain");
            sample = key;
        }
        ObjectKey keptKey = newKey(kept);
        store.put(keptKey, text("kept"), 4, "text/plain");
        assertThat(store.bytes(doomed)).isEqualTo(2L * count);

        assertThat(store.deleteService(doomed)).isEqualTo(count);

        assertThat(store.exists(sample)).isFalse();
        assertThat(store.bytes(doomed)).isZero();
        assertThat(store.deleteService(doomed)).isZero();
        assertThat(store.exists(keptKey)).isTrue();
        assertThat(store.bytes(kept)).isEqualTo(4);
    }

    @Test
    void the_filesystem_offers_no_presigned_url_so_downloads_go_through_the_app() throws IOException {
        stores().close();
        ObjectKey key = newKey(newTenant());
        fileSystem.put(key, text("scan"), 4, "image/png");

        assertThat(fileSystem.presignedDownload(key, Duration.ofMinutes(1), "scan.png", "image/png")).isEmpty();
    }

    @Test
    void a_presigned_url_downloads_the_bytes_under_their_name_and_stops_working_after_its_validity() throws Exception {
        stores().close();
        ObjectKey key = newKey(newTenant());
        byte[] content = randomBytes(70_000);
        s3.put(key, new ByteArrayInputStream(content), content.length, "application/pdf");
        Duration validity = Duration.ofSeconds(3);
        Instant signedAt = Instant.now();

        Optional<URI> url = s3.presignedDownload(key, validity, "Relevé d'impôts 2025.pdf", "application/pdf");

        assertThat(url).isPresent();
        assertThat(url.get().getScheme()).isEqualTo("http");
        HttpResponse<byte[]> fresh = get(url.get());
        assertThat(fresh.statusCode()).isEqualTo(200);
        assertThat(fresh.body()).isEqualTo(content);
        assertThat(fresh.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(fresh.headers().firstValue("Content-Disposition")).hasValue(
                "attachment; filename=\"Relev_ d'imp_ts 2025.pdf\"; filename*=UTF-8''Relev%C3%A9%20d%27imp%C3%B4ts%202025.pdf");

        Thread.sleep(Math.max(0, Duration.between(Instant.now(), signedAt.plus(validity).plusMillis(1_500)).toMillis()));
        HttpResponse<byte[]> expired = get(url.get());
        assertThat(expired.statusCode()).isEqualTo(403);
        assertThat(new String(expired.body(), StandardCharsets.UTF_8)).doesNotContain("%PDF").contains("AccessDenied");
    }

    @Test
    void the_bucket_is_private_an_unsigned_url_reads_nothing() throws Exception {
        stores().close();
        ObjectKey key = newKey(newTenant());
        s3.put(key, text("court letter"), 12, "text/plain");
        URI signed = s3.presignedDownload(key, Duration.ofMinutes(1), "letter.txt", "text/plain").orElseThrow();
        URI unsigned = URI.create(signed.toString().substring(0, signed.toString().indexOf('?')));

        HttpResponse<byte[]> response = get(unsigned);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).doesNotContain("court letter");
    }

    private static HttpResponse<byte[]> get(URI url) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(url).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static TenantId newTenant() {
        return new TenantId(NEXT_TENANT.getAndIncrement());
    }

    private static ObjectKey newKey(TenantId tenant) {
        return new ObjectKey(tenant, newId());
    }

    private static String newId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    private static InputStream text(String value) {
        return new ByteArrayInputStream(value.getBytes(StandardCharsets.UTF_8));
    }

    /** Pseudo-random bytes of a given length, made as they are read: nothing of the whole is held. */
    private static final class GeneratedStream extends InputStream {
        private final Random random = new Random(42);
        private long remaining;

        GeneratedStream(long size) {
            this.remaining = size;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (remaining == 0) {
                return -1;
            }
            int count = (int) Math.min(length, remaining);
            byte[] chunk = new byte[count];
            random.nextBytes(chunk);
            System.arraycopy(chunk, 0, buffer, offset, count);
            remaining -= count;
            return count;
        }
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }
}
