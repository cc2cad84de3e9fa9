package org.dossier.attachment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code DOSSIER_S3_*} read into settings; a half configuration refused with what is missing. */
class S3SettingsTest {

    @Test
    void without_any_s3_variable_attachments_stay_on_the_filesystem() {
        assertThat(AttachmentSettings.fromMap(Map.of()).s3()).isEmpty();
        assertThat(AttachmentSettings.defaults().s3()).isEmpty();
        assertThat(AttachmentSettings.fromMap(Map.of("DOSSIER_S3_ENDPOINT", "  ")).s3()).isEmpty();
    }

    @Test
    void a_full_configuration_is_read_with_path_style_by_default_at_an_endpoint() {
        S3Settings settings = AttachmentSettings.fromMap(Map.of(
                "DOSSIER_S3_ENDPOINT", "https://s3.example.org:9000",
                "DOSSIER_S3_BUCKET", "dossier-files",
                "DOSSIER_S3_REGION", "eu-west-3",
                "DOSSIER_S3_ACCESS_KEY", "AKIAEXAMPLE",
                "DOSSIER_S3_SECRET_KEY", "s3cr3t-value")).s3().orElseThrow();

        assertThat(settings.endpoint()).contains(URI.create("https://s3.example.org:9000"));
        assertThat(settings.bucket()).isEqualTo("dossier-files");
        assertThat(settings.region()).isEqualTo("eu-west-3");
        assertThat(settings.accessKey()).contains("AKIAEXAMPLE");
        assertThat(settings.secretKey()).contains("s3cr3t-value");
        assertThat(settings.pathStyle()).isTrue();
        assertThat(settings.createBucket()).isFalse();
    }

    @Test
    void on_aws_without_an_endpoint_buckets_are_addressed_by_host_and_the_region_defaults() {
        S3Settings settings = S3Settings.fromMap(Map.of("DOSSIER_S3_BUCKET", "dossier-files")).orElseThrow();

        assertThat(settings.endpoint()).isEmpty();
        assertThat(settings.pathStyle()).isFalse();
        assertThat(settings.region()).isEqualTo("us-east-1");
        assertThat(settings.accessKey()).isEmpty();
        assertThat(settings.describe()).isEqualTo("S3 bucket dossier-files at AWS us-east-1");
    }

    @Test
    void path_style_and_bucket_creation_are_flags() {
        S3Settings settings = S3Settings.fromMap(Map.of("DOSSIER_S3_ENDPOINT", "http://127.0.0.1:9000",
                "DOSSIER_S3_BUCKET", "b", "DOSSIER_S3_PATH_STYLE", "false", "DOSSIER_S3_CREATE_BUCKET", "true"))
                .orElseThrow();

        assertThat(settings.pathStyle()).isFalse();
        assertThat(settings.createBucket()).isTrue();
        assertThatThrownBy(() -> S3Settings.fromMap(Map.of("DOSSIER_S3_BUCKET", "b", "DOSSIER_S3_PATH_STYLE", "maybe")))
                .isInstanceOf(AttachmentStoreUnavailableException.class)
                .hasMessageContaining("DOSSIER_S3_PATH_STYLE");
    }

    @Test
    void an_endpoint_without_a_bucket_is_refused_naming_the_bucket_variable() {
        assertThatThrownBy(() -> AttachmentSettings.fromMap(Map.of("DOSSIER_S3_ENDPOINT", "http://127.0.0.1:9000")))
                .isInstanceOf(AttachmentStoreUnavailableException.class)
                .hasMessageContaining("DOSSIER_S3_BUCKET");
    }

    @Test
    void an_access_key_without_its_secret_is_refused_and_so_is_a_secret_alone() {
        assertThatThrownBy(() -> S3Settings.fromMap(Map.of("DOSSIER_S3_BUCKET", "b", "DOSSIER_S3_ACCESS_KEY", "AK")))
                .isInstanceOf(AttachmentStoreUnavailableException.class)
                .hasMessageContaining("secret key is missing");
        assertThatThrownBy(() -> S3Settings.fromMap(Map.of("DOSSIER_S3_BUCKET", "b", "DOSSIER_S3_SECRET_KEY", "hidden")))
                .isInstanceOf(AttachmentStoreUnavailableException.class)
                .hasMessageContaining("access key is missing")
                .hasMessageNotContaining("hidden");
    }

    @Test
    void an_endpoint_that_is_not_an_http_url_is_refused() {
        assertThatThrownBy(() -> S3Settings.fromMap(Map.of("DOSSIER_S3_BUCKET", "b", "DOSSIER_S3_ENDPOINT", "minio:9000")))
                .isInstanceOf(AttachmentStoreUnavailableException.class)
                .hasMessageContaining("http:// or https://");
    }

    @Test
    void the_secret_can_come_from_a_file(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("s3-secret");
        Files.writeString(file, "from-a-file\n");

        S3Settings settings = S3Settings.fromMap(Map.of("DOSSIER_S3_BUCKET", "b", "DOSSIER_S3_ACCESS_KEY", "AK",
                "DOSSIER_S3_SECRET_KEY_FILE", file.toString())).orElseThrow();

        assertThat(settings.secretKey()).contains("from-a-file");
        assertThatThrownBy(() -> S3Settings.fromMap(Map.of("DOSSIER_S3_BUCKET", "b", "DOSSIER_S3_ACCESS_KEY", "AK",
                "DOSSIER_S3_SECRET_KEY_FILE", dir.resolve("absent").toString())))
                .isInstanceOf(AttachmentStoreUnavailableException.class)
                .hasMessageContaining("DOSSIER_S3_SECRET_KEY_FILE");
    }

    @Test
    void the_secret_never_shows_in_the_settings_text() {
        S3Settings settings = S3Settings.at(URI.create("http://127.0.0.1:9000"), "b", "AK", "very-secret-value");

        assertThat(settings.toString()).contains("AK").doesNotContain("very-secret-value");
        assertThat(new AttachmentSettings(1, 1).withS3(settings).toString()).doesNotContain("very-secret-value");
        assertThat(settings.describe()).isEqualTo("S3 bucket b at http://127.0.0.1:9000 (path-style)");
    }
}
