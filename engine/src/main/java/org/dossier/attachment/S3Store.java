package org.dossier.attachment;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.dossier.tenant.TenantId;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Attachments in an S3-compatible bucket (AWS, MinIO, Garage, Ceph, a provider's), under the same
 * {@code t/<tenant id>/<id>} keys as on the filesystem. A put streams its known length in one request,
 * which S3 keeps whole or not at all; the bucket stays private, and a browser reads an object only
 * through a short-lived presigned URL the app issues after its checks.
 */
public final class S3Store implements AttachmentStore, AutoCloseable {
    /** A listing page and a batch deletion hold at most this many keys (the S3 limit). */
    private static final int PAGE = 1000;
    private static final Duration LONGEST_PRESIGNED = Duration.ofDays(7);
    private static final int RETRY_BUFFER = 128 * 1024;

    private final S3Client client;
    private final S3Presigner presigner;
    private final String bucket;
    private final String description;
    private final int page;

    S3Store(S3Clients clients, S3Settings settings) {
        this(clients.client(), clients.presigner(), settings.bucket(), settings.describe(), PAGE);
    }

    private S3Store(S3Client client, S3Presigner presigner, String bucket, String description, int page) {
        this.client = client;
        this.presigner = presigner;
        this.bucket = bucket;
        this.description = description;
        this.page = page;
    }

    /** The same store listing and deleting fewer keys at a time, so that a test goes over several pages. */
    S3Store pagedBy(int keys) {
        return new S3Store(client, presigner, bucket, description, keys);
    }

    /**
     * A store on the bucket the settings name, checked (and created when they say so) before it is
     * returned.
     *
     * @throws AttachmentStoreUnavailableException when the bucket cannot be reached or used
     */
    public static S3Store connect(S3Settings settings) {
        S3Clients clients = S3Clients.of(settings);
        try {
            clients.checkBucket(settings);
        } catch (RuntimeException e) {
            clients.close();
            throw e;
        }
        return new S3Store(clients, settings);
    }

    @Override
    public void put(ObjectKey key, InputStream content, long size, String contentType) throws IOException {
        try {
            client.putObject(request -> request.bucket(bucket).key(key.path()).contentLength(size)
                            .contentType(contentType),
                    // Buffered so that the SDK can retry a request that failed in its first 128 KiB.
                    RequestBody.fromInputStream(new BufferedInputStream(new ExactLengthInputStream(content, size),
                            RETRY_BUFFER), size));
        } catch (SdkException | UncheckedIOException e) {
            // UncheckedIOException: the SDK could not rewind the content to retry (past the buffer).
            throw failure("store", key, e);
        }
    }

    @Override
    public InputStream open(ObjectKey key) throws IOException {
        try {
            return client.getObject(request -> request.bucket(bucket).key(key.path()));
        } catch (S3Exception e) {
            if (e instanceof NoSuchKeyException || e.statusCode() == 404) {
                throw new NoSuchFileException(key.path(), null, "no such attachment");
            }
            throw failure("read", key, e);
        } catch (SdkException e) {
            throw failure("read", key, e);
        }
    }

    @Override
    public boolean exists(ObjectKey key) throws IOException {
        try {
            client.headObject(request -> request.bucket(bucket).key(key.path()));
            return true;
        } catch (S3Exception e) {
            if (e instanceof NoSuchKeyException || e.statusCode() == 404) {
                return false;
            }
            throw failure("look up", key, e);
        } catch (SdkException e) {
            throw failure("look up", key, e);
        }
    }

    @Override
    public void delete(ObjectKey key) throws IOException {
        try {
            client.deleteObject(request -> request.bucket(bucket).key(key.path()));
        } catch (SdkException e) {
            throw failure("delete", key, e);
        }
    }

    /**
     * Lists the service's first page of keys and deletes them in one batch, until none is left: a
     * listing never runs over keys already gone, and a deletion interrupted half-way simply runs again.
     */
    @Override
    public long deleteService(TenantId tenantId) throws IOException {
        String prefix = ObjectKey.prefix(tenantId);
        long deleted = 0;
        try {
            while (true) {
                List<ObjectIdentifier> keys = client.listObjectsV2(request -> request.bucket(bucket).prefix(prefix)
                                .maxKeys(page))
                        .contents().stream()
                        .map(object -> ObjectIdentifier.builder().key(object.key()).build())
                        .toList();
                if (keys.isEmpty()) {
                    return deleted;
                }
                DeleteObjectsResponse response = client.deleteObjects(request -> request.bucket(bucket)
                        .delete(Delete.builder().objects(keys).quiet(true).build()));
                if (response.hasErrors() && !response.errors().isEmpty()) {
                    var error = response.errors().get(0);
                    throw new IOException("S3 refused to delete " + response.errors().size() + " object(s) of "
                            + prefix + " in bucket " + bucket + ", " + error.key() + ": " + error.code() + " "
                            + error.message());
                }
                deleted += keys.size();
            }
        } catch (SdkException e) {
            throw new IOException("cannot delete the objects under " + prefix + " in bucket " + bucket + " after "
                    + deleted + ": " + e.getMessage(), e);
        }
    }

    @Override
    public long bytes(TenantId tenantId) throws IOException {
        String prefix = ObjectKey.prefix(tenantId);
        try {
            long total = 0;
            for (S3Object object : client.listObjectsV2Paginator(request -> request.bucket(bucket).prefix(prefix)
                    .maxKeys(page)).contents()) {
                total += object.size();
            }
            return total;
        } catch (SdkException e) {
            throw new IOException("cannot list the objects under " + prefix + " in bucket " + bucket + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Signs a GET for {@code validity} (at most seven days, as S3 allows; the app asks for minutes) that
     * makes the browser save the file under its own name and type.
     */
    @Override
    public Optional<URI> presignedDownload(ObjectKey key, Duration validity, String fileName, String contentType) {
        if (validity.isNegative() || validity.isZero() || validity.compareTo(LONGEST_PRESIGNED) > 0) {
            throw new IllegalArgumentException("a presigned URL lasts from a second to seven days, not " + validity);
        }
        var presigned = presigner.presignGetObject(presign -> presign.signatureDuration(validity)
                .getObjectRequest(request -> request.bucket(bucket).key(key.path())
                        .responseContentDisposition(ContentDisposition.attachment(fileName))
                        .responseContentType(contentType)));
        try {
            return Optional.of(presigned.url().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("the SDK signed a URL that is not a URI", e);
        }
    }

    /** Whether the bucket answers within a second: what the readiness page reports. */
    @Override
    public boolean reachable() {
        return S3Clients.bucketAnswers(client, bucket, Duration.ofSeconds(1));
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public void close() {
        presigner.close();
        client.close();
    }

    private IOException failure(String action, ObjectKey key, RuntimeException e) {
        return new IOException("cannot " + action + " " + key.path() + " in bucket " + bucket + ": " + e.getMessage(), e);
    }
}
