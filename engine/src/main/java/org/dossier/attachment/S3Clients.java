package org.dossier.attachment;

import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.LegacyMd5Plugin;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.BucketLocationConstraint;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The SDK's client and presigner for a store's settings, and the bucket check made at start. Both
 * sign with the same credentials and address the bucket the same way (path-style or by host), so a
 * presigned URL names the object the client wrote.
 */
record S3Clients(S3Client client, S3Presigner presigner) implements AutoCloseable {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** Reads of a large object stream for a while; a store silent this long has failed. */
    private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration START_CHECK_TIMEOUT = Duration.ofSeconds(15);

    static S3Clients of(S3Settings settings) {
        AwsCredentialsProvider credentials = settings.accessKey()
                .<AwsCredentialsProvider>map(access -> StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(access, settings.secretKey().orElseThrow())))
                .orElseGet(() -> DefaultCredentialsProvider.builder().build());
        Region region = Region.of(settings.region());
        var clientBuilder = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(CONNECT_TIMEOUT)
                        .socketTimeout(SOCKET_TIMEOUT))
                .region(region)
                .credentialsProvider(credentials)
                .forcePathStyle(settings.pathStyle())
                // Checksums only where S3 requires them: many S3-compatible stores refuse the
                // trailing checksums the SDK would otherwise add to every upload.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                // and Content-MD5 where one is required (the batch deletion), which every store knows.
                .addPlugin(LegacyMd5Plugin.create());
        var presignerBuilder = S3Presigner.builder()
                .region(region)
                .credentialsProvider(credentials)
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(settings.pathStyle()).build());
        settings.endpoint().ifPresent(endpoint -> {
            clientBuilder.endpointOverride(endpoint);
            presignerBuilder.endpointOverride(endpoint);
        });
        return new S3Clients(clientBuilder.build(), presignerBuilder.build());
    }

    /**
     * Asks for the bucket, and creates it when it is missing and the settings allow.
     *
     * @throws AttachmentStoreUnavailableException saying what to fix
     */
    void checkBucket(S3Settings settings) {
        String where = settings.describe();
        try {
            client.headBucket(request -> request.bucket(settings.bucket())
                    .overrideConfiguration(config -> config.apiCallTimeout(START_CHECK_TIMEOUT)));
        } catch (S3Exception e) {
            // A HEAD has no body: some stores' 404 comes back as NoSuchBucketException, others' as a bare 404.
            boolean missing = e instanceof NoSuchBucketException || e.statusCode() == 404;
            if (!missing) {
                throw new AttachmentStoreUnavailableException(where + ": " + refusal(e), e);
            }
            if (!settings.createBucket()) {
                throw new AttachmentStoreUnavailableException(where + ": the bucket does not exist; create it (private),"
                        + " or set DOSSIER_S3_CREATE_BUCKET=true to have it created at start");
            }
            create(settings);
        } catch (SdkClientException e) {
            throw new AttachmentStoreUnavailableException(where + ": the store does not answer (" + e.getMessage() + ")",
                    e);
        }
    }

    private void create(S3Settings settings) {
        try {
            client.createBucket(request -> {
                request.bucket(settings.bucket());
                // us-east-1 is the one region S3 refuses to be named in a creation.
                if (!S3Settings.DEFAULT_REGION.equals(settings.region())) {
                    request.createBucketConfiguration(config -> config.locationConstraint(
                            BucketLocationConstraint.fromValue(settings.region())));
                }
            });
        } catch (SdkException e) {
            throw new AttachmentStoreUnavailableException(settings.describe() + ": the bucket does not exist and cannot"
                    + " be created: " + e.getMessage(), e);
        }
    }

    private static String refusal(S3Exception e) {
        return switch (e.statusCode()) {
            case 403 -> "the store refuses these credentials for this bucket (check DOSSIER_S3_ACCESS_KEY, the secret"
                    + " key and the bucket's policy)";
            case 301, 307 -> "the bucket is in another region than DOSSIER_S3_REGION, or needs DOSSIER_S3_PATH_STYLE";
            case 400 -> "the store refuses the request (check DOSSIER_S3_REGION and DOSSIER_S3_PATH_STYLE): "
                    + e.getMessage();
            default -> "the store answers " + e.statusCode() + ": " + e.getMessage();
        };
    }

    /** Never throws: a bucket that does not answer in time is not reachable. */
    static boolean bucketAnswers(S3Client client, String bucket, Duration timeout) {
        try {
            client.headBucket(request -> request.bucket(bucket)
                    .overrideConfiguration(config -> config.apiCallTimeout(timeout)));
            return true;
        } catch (SdkException e) {
            return false;
        }
    }

    @Override
    public void close() {
        presigner.close();
        client.close();
    }
}
