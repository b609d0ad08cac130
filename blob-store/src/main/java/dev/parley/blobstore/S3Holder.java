package dev.parley.blobstore;

import software.amazon.awssdk.services.s3.S3AsyncClient;

/**
 * The S3 client when a service is configured for S3, else null; one bean owns the client's
 * lifecycle whichever backend is chosen, so the configuration needs no conditional beans.
 */
public record S3Holder(S3AsyncClient client) implements AutoCloseable {

    public static S3Holder none() {
        return new S3Holder(null);
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
        }
    }
}
