package org.dossier.attachment;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where an S3-compatible store is and how to sign for it, from {@code DOSSIER_S3_*}:
 * <ul>
 *   <li>{@code DOSSIER_S3_BUCKET} (required as soon as any other {@code DOSSIER_S3_*} is set);</li>
 *   <li>{@code DOSSIER_S3_ENDPOINT}, for a store other than AWS (MinIO, Garage, Ceph, a provider's);
 *       absent, the AWS endpoint of the region;</li>
 *   <li>{@code DOSSIER_S3_REGION}, {@code us-east-1} by default;</li>
 *   <li>{@code DOSSIER_S3_ACCESS_KEY} with {@code DOSSIER_S3_SECRET_KEY} or {@code DOSSIER_S3_SECRET_KEY_FILE}
 *       (both or neither; neither uses the SDK's default chain: AWS variables, instance role);</li>
 *   <li>{@code DOSSIER_S3_PATH_STYLE}: {@code <endpoint>/<bucket>/<key>} addresses rather than a host per
 *       bucket; true by default with an endpoint, false without;</li>
 *   <li>{@code DOSSIER_S3_CREATE_BUCKET}: create the bucket at start when it is missing (false by default:
 *       a missing bucket is usually a typing error, and a created one would lack its policies).</li>
 * </ul>
 * {@link #toString()} never shows the secret.
 */
public record S3Settings(Optional<URI> endpoint, String bucket, String region, Optional<String> accessKey,
                         Optional<String> secretKey, boolean pathStyle, boolean createBucket) {
    public static final String DEFAULT_REGION = "us-east-1";
    private static final List<String> NAMES = List.of("DOSSIER_S3_ENDPOINT", "DOSSIER_S3_BUCKET", "DOSSIER_S3_REGION",
            "DOSSIER_S3_ACCESS_KEY", "DOSSIER_S3_SECRET_KEY", "DOSSIER_S3_SECRET_KEY_FILE", "DOSSIER_S3_PATH_STYLE",
            "DOSSIER_S3_CREATE_BUCKET");

    public S3Settings {
        if (bucket == null || bucket.isBlank()) {
            throw new AttachmentStoreUnavailableException("DOSSIER_S3_BUCKET is required to store attachments on S3");
        }
        if (accessKey.isPresent() != secretKey.isPresent()) {
            throw new AttachmentStoreUnavailableException(
                    "DOSSIER_S3_ACCESS_KEY and DOSSIER_S3_SECRET_KEY (or DOSSIER_S3_SECRET_KEY_FILE) go together: "
                            + (accessKey.isPresent() ? "the secret key is missing" : "the access key is missing"));
        }
    }

    /** A store with static credentials at an endpoint, path-style (the tests, MinIO and the like). */
    public static S3Settings at(URI endpoint, String bucket, String accessKey, String secretKey) {
        return new S3Settings(Optional.of(endpoint), bucket, DEFAULT_REGION, Optional.of(accessKey),
                Optional.of(secretKey), true, false);
    }

    public S3Settings withCreateBucket(boolean create) {
        return new S3Settings(endpoint, bucket, region, accessKey, secretKey, pathStyle, create);
    }

    public S3Settings withBucket(String otherBucket) {
        return new S3Settings(endpoint, otherBucket, region, accessKey, secretKey, pathStyle, createBucket);
    }

    /** Empty when no {@code DOSSIER_S3_*} variable is set: attachments then stay on the filesystem. */
    public static Optional<S3Settings> fromMap(Map<String, String> env) {
        if (NAMES.stream().allMatch(name -> value(env, name).isEmpty())) {
            return Optional.empty();
        }
        Optional<URI> endpoint = value(env, "DOSSIER_S3_ENDPOINT").map(S3Settings::endpoint);
        return Optional.of(new S3Settings(
                endpoint,
                value(env, "DOSSIER_S3_BUCKET").orElse(""),
                value(env, "DOSSIER_S3_REGION").orElse(DEFAULT_REGION),
                value(env, "DOSSIER_S3_ACCESS_KEY"),
                secretKey(env),
                value(env, "DOSSIER_S3_PATH_STYLE").map(text -> flag("DOSSIER_S3_PATH_STYLE", text))
                        .orElse(endpoint.isPresent()),
                value(env, "DOSSIER_S3_CREATE_BUCKET").map(text -> flag("DOSSIER_S3_CREATE_BUCKET", text))
                        .orElse(false)));
    }

    private static Optional<String> secretKey(Map<String, String> env) {
        Optional<String> inline = value(env, "DOSSIER_S3_SECRET_KEY");
        Optional<String> file = value(env, "DOSSIER_S3_SECRET_KEY_FILE");
        if (inline.isPresent() && file.isPresent()) {
            throw new AttachmentStoreUnavailableException(
                    "set DOSSIER_S3_SECRET_KEY or DOSSIER_S3_SECRET_KEY_FILE, not both");
        }
        if (file.isEmpty()) {
            return inline;
        }
        try {
            String secret = Files.readString(Path.of(file.get())).strip();
            if (secret.isEmpty()) {
                throw new AttachmentStoreUnavailableException("DOSSIER_S3_SECRET_KEY_FILE " + file.get() + " is empty");
            }
            return Optional.of(secret);
        } catch (IOException e) {
            throw new AttachmentStoreUnavailableException("cannot read DOSSIER_S3_SECRET_KEY_FILE " + file.get()
                    + ": " + e.getClass().getSimpleName(), e);
        }
    }

    private static URI endpoint(String text) {
        URI uri;
        try {
            uri = URI.create(text);
        } catch (IllegalArgumentException e) {
            throw new AttachmentStoreUnavailableException("DOSSIER_S3_ENDPOINT is not a URL: " + text, e);
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new AttachmentStoreUnavailableException(
                    "DOSSIER_S3_ENDPOINT must be an http:// or https:// URL, not " + text);
        }
        return uri;
    }

    private static boolean flag(String name, String text) {
        return switch (text.toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default -> throw new AttachmentStoreUnavailableException(name + " is true or false, not " + text);
        };
    }

    private static Optional<String> value(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).map(String::strip).filter(text -> !text.isEmpty());
    }

    /** Where and which bucket, path-style or not: what the start-up log and the readiness page show. */
    public String describe() {
        return "S3 bucket " + bucket + " at " + endpoint.map(URI::toString).orElse("AWS " + region)
                + (pathStyle ? " (path-style)" : "");
    }

    @Override
    public String toString() {
        return "S3Settings[" + describe() + ", region " + region + ", access key "
                + accessKey.orElse("(default chain)") + ", secret key " + (secretKey.isPresent() ? "(set)" : "(none)")
                + ", create bucket " + createBucket + "]";
    }
}
