package org.dossier.attachment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.dossier.tenant.TenantId;
import org.dossier.testing.TestS3;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The S3 store is checked when the server starts: a bucket that is missing, refuses the credentials
 * or does not answer stops the start with a message saying what to fix, never the secret.
 */
class S3StoreStartTest {

    @Test
    void the_configuration_chooses_the_store_and_the_filesystem_stays_the_default(@TempDir Path dataDir) {
        S3Settings settings = TestS3.newBucketSettings().withCreateBucket(true);

        AttachmentStore s3 = AttachmentStores.of(AttachmentSettings.defaults().withS3(settings), dataDir);
        AttachmentStore fileSystem = AttachmentStores.of(AttachmentSettings.defaults(), dataDir);

        assertThat(s3).isInstanceOf(S3Store.class);
        assertThat(s3.describe()).isEqualTo("S3 bucket " + settings.bucket() + " at " + TestS3.endpoint()
                + " (path-style)").doesNotContain(TestS3.SECRET_KEY);
        assertThat(fileSystem).isInstanceOf(FileSystemStore.class);
        assertThat(fileSystem.describe()).isEqualTo("filesystem " + dataDir.toAbsolutePath().resolve("attachments"));
    }

    @Test
    void a_missing_bucket_stops_the_start_unless_its_creation_is_asked_for() throws Exception {
        S3Settings settings = TestS3.newBucketSettings();

        assertThatThrownBy(() -> S3Store.connect(settings))
                .isInstanceOf(AttachmentStoreUnavailableException.class)
                .hasMessageContaining(settings.bucket())
                .hasMessageContaining("does not exist")
                .hasMessageContaining("DOSSIER_S3_CREATE_BUCKET=true");

        try (S3Store created = S3Store.connect(settings.withCreateBucket(true))) {
            ObjectKey key = new ObjectKey(new TenantId(1), UUID.randomUUID().toString().replace("-", ""));
            created.put(key, new ByteArrayInputStream(new byte[] {1, 2, 3}), 3, "application/octet-stream");
            assertThat(created.exists(key)).isTrue();
        }
        try (S3Store again = S3Store.connect(settings)) {
            assertThat(again.reachable()).isTrue();
        }
    }

    @Test
    void refused_credentials_stop_the_start_without_showing_the_secret() {
        S3Settings existing = TestS3.newBucketSettings();
        S3Store.connect(existing.withCreateBucket(true)).close();
        S3Settings wrong = S3Settings.at(TestS3.endpoint(), existing.bucket(), TestS3.ACCESS_KEY, "a-wrong-secret-42");

        assertThatThrownBy(() -> S3Store.connect(wrong))
                .isInstanceOf(AttachmentStoreUnavailableException.class)
                .hasMessageContaining("refuses these credentials")
                .hasMessageNotContaining("a-wrong-secret-42");
    }

    @Test
    void an_endpoint_that_does_not_answer_stops_the_start_quickly() throws Exception {
        URI closed = closedPort();
        S3Settings settings = S3Settings.at(closed, "dossier-files", "AK", "secret-not-shown");
        long started = System.nanoTime();

        assertThatThrownBy(() -> S3Store.connect(settings))
                .isInstanceOf(AttachmentStoreUnavailableException.class)
                .hasMessageContaining("does not answer")
                .hasMessageContaining(closed.toString())
                .hasMessageNotContaining("secret-not-shown");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void readiness_sees_a_store_that_stops_answering_within_about_a_second() throws Exception {
        S3Settings gone = S3Settings.at(closedPort(), "gone", "AK", "SK");
        try (S3Store store = new S3Store(S3Clients.of(gone), gone); S3Store live = TestS3.newStore()) {
            long started = System.nanoTime();
            assertThat(store.reachable()).isFalse();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1_500));
            assertThat(live.reachable()).isTrue();
        }
    }

    private static URI closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
    }
}
