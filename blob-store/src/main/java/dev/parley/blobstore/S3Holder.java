package dev.parley.blobstore;

import software.amazon.awssdk.services.s3.S3AsyncClient;

/**
 * The S3 client and the bucket's direct GETs and PUTs ({@link S3Objects}) when a service is
 * configured for S3, else both null; one bean owns their lifecycle whichever backend is chosen,
 * so the configuration needs no conditional beans.
 */
public record S3Holder(S3AsyncClient client, S3Objects objects) implements AutoCloseable {

    public static S3Holder none() {
        return new S3Holder(null, null);
    }

    @Override
    public void close() {
        if (objects != null) {
            objects.close();
        }
        if (client != null) {
            client.close();
        }
    }
}
