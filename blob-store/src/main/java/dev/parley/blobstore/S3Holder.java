package dev.parley.blobstore;

import software.amazon.awssdk.services.s3.S3AsyncClient;

/**
 * The S3 client and the bucket's download reader when a service is configured for S3, else both
 * null; one bean owns their lifecycle whichever backend is chosen, so the configuration needs no
 * conditional beans.
 */
public record S3Holder(S3AsyncClient client, S3ObjectReader reader) implements AutoCloseable {

    public static S3Holder none() {
        return new S3Holder(null, null);
    }

    @Override
    public void close() {
        if (reader != null) {
            reader.close();
        }
        if (client != null) {
            client.close();
        }
    }
}
