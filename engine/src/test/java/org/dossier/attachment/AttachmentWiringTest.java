package org.dossier.attachment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.javalin.Javalin;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.dossier.App;
import org.dossier.Config;
import org.dossier.Services;
import org.dossier.crypto.MasterKeySettings;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestS3;
import org.dossier.web.TrustedProxies;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The app wires the store its configuration names, reports it on the readiness page, and will not start on one it cannot reach. */
@Tag("integration")
class AttachmentWiringTest {

    @Test
    void an_s3_configuration_wires_the_bucket_and_readiness_reports_it(@TempDir Path dataDir) throws Exception {
        S3Settings settings = TestS3.newBucketSettings().withCreateBucket(true);
        Config config = config(dataDir, AttachmentSettings.defaults().withS3(settings));

        Services services = Services.wire(TestDatabase.database(), config);

        assertThat(services.attachmentStore()).isInstanceOf(S3Store.class);
        assertThat(services.attachmentStore().describe()).contains(settings.bucket());
        Javalin app = App.create(config, services).start();
        try {
            HttpResponse<String> ready = ready(app);
            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(ready.body()).contains("\"attachments\":true").doesNotContain(TestS3.SECRET_KEY);
        } finally {
            app.stop();
        }
    }

    @Test
    void a_bucket_that_does_not_answer_stops_the_wiring_with_a_clear_message(@TempDir Path dataDir) throws Exception {
        URI closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
        Config config = config(dataDir, AttachmentSettings.defaults().withS3(
                S3Settings.at(closed, "dossier-files", "AK", "secret-never-printed")));

        var database = TestDatabase.database(); // skips the test where the suite's database is not there
        assertThatThrownBy(() -> Services.wire(database, config))
                .isInstanceOf(AttachmentStoreUnavailableException.class)
                .hasMessageStartingWith("S3 bucket dossier-files at " + closed)
                .hasMessageContaining("does not answer")
                .hasMessageNotContaining("secret-never-printed");
    }

    @Test
    void readiness_reports_a_store_that_went_down_without_taking_the_node_out(@TempDir Path dataDir) throws Exception {
        TestS3.Server server = TestS3.start();
        Config config = config(dataDir, AttachmentSettings.defaults().withS3(
                server.newBucketSettings().withCreateBucket(true)));
        Services services = Services.wire(TestDatabase.database(), config);
        Javalin app = App.create(config, services).start();
        try {
            assertThat(ready(app).body()).contains("\"attachments\":true");

            server.close();
            long asked = System.nanoTime();
            HttpResponse<String> down = ready(app);

            assertThat(Duration.ofNanos(System.nanoTime() - asked)).isLessThan(Duration.ofSeconds(2));
            assertThat(down.statusCode()).isEqualTo(200);
            assertThat(down.body()).contains("\"attachments\":false").contains("\"database\":true");
        } finally {
            app.stop();
        }
    }

    private static HttpResponse<String> ready(Javalin app) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + app.port() + "/health/ready")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static Config config(Path dataDir, AttachmentSettings attachments) {
        return new Config(0, dataDir, Optional.empty(), "root", "", 4, Config.ONE_MIB, Config.Accounts.defaults(),
                TrustedProxies.none(), MasterKeySettings.defaults(), attachments);
    }
}
