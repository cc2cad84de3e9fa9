package org.dossier.testing;

import java.net.URI;
import java.util.UUID;
import org.dossier.attachment.S3Settings;
import org.dossier.attachment.S3Store;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * A real S3 server for the tests: S3Proxy on an in-memory blobstore, listening on a free port of
 * 127.0.0.1, started once per test JVM and checking AWS signatures (v2 and v4, presigned URLs with
 * their expiry) like S3 does. No Docker, nothing to install beyond Maven's test classpath.
 */
public final class TestS3 {
    public static final String ACCESS_KEY = "dossier-test-access";
    public static final String SECRET_KEY = "dossier-test-secret-never-shown";

    private static Server shared;

    private TestS3() {}

    /** A running S3 server; closing it stops it, as a store that goes down. */
    public record Server(URI endpoint, S3Proxy proxy, BlobStoreContext context) implements AutoCloseable {

        /** Settings for a bucket of this server that does not exist yet (a new name on each call). */
        public S3Settings newBucketSettings() {
            String bucket = "dossier-" + UUID.randomUUID().toString().substring(0, 13);
            return S3Settings.at(endpoint, bucket, ACCESS_KEY, SECRET_KEY);
        }

        @Override
        public void close() {
            try {
                proxy.stop();
            } catch (Exception e) {
                throw new IllegalStateException("cannot stop the test S3 server", e);
            } finally {
                context.close();
            }
        }
    }

    /** The shared server's address, started on first use. */
    public static synchronized URI endpoint() {
        if (shared == null) {
            Server server = start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "test-s3-stop"));
            shared = server;
        }
        return shared.endpoint();
    }

    /** Settings for a bucket of the shared server that does not exist yet (a new name on each call). */
    public static S3Settings newBucketSettings() {
        endpoint();
        return shared.newBucketSettings();
    }

    /** A store on a new, empty bucket of the shared server. */
    public static S3Store newStore() {
        return S3Store.connect(newBucketSettings().withCreateBucket(true));
    }

    /** A server of its own, for a test that stops it. */
    public static Server start() {
        BlobStoreContext context = ContextBuilder.newBuilder("transient")
                .credentials(ACCESS_KEY, SECRET_KEY)
                .build(BlobStoreContext.class);
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(context.getBlobStore())
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .endpoint(URI.create("http://127.0.0.1:0"))
                // This S3Proxy (the last one on Jackson 2, as the engine is) predates the SDK's CRC32
                // header, which the SDK sends beside Content-MD5 on a batch deletion: ignore it.
                .ignoreUnknownHeaders(true)
                .build();
        try {
            proxy.start();
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!"STARTED".equals(proxy.getState())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("S3Proxy did not start: " + proxy.getState());
                }
                Thread.sleep(10);
            }
        } catch (Exception e) {
            context.close();
            throw new IllegalStateException("cannot start the test S3 server", e);
        }
        return new Server(URI.create("http://127.0.0.1:" + proxy.getPort()), proxy, context);
    }
}
