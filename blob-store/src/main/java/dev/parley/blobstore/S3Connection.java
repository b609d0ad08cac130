package dev.parley.blobstore;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3AsyncClientBuilder;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * How a service reaches its bucket. Without an access key the SDK's default credential chain
 * applies (environment, web identity, instance profile), which is what a cluster wants.
 *
 * @param endpoint an S3-compatible server, or null for AWS itself
 */
public record S3Connection(URI endpoint, String region, String bucket, boolean pathStyle,
        String accessKey, String secretKey, boolean createBucket, int maxConcurrency) {

    @Override
    public String toString() {
        return "S3Connection[endpoint=" + endpoint + ", region=" + region + ", bucket=" + bucket + ", secretKey=<redacted>]";
    }

    /**
     * A client and the direct GETs and PUTs for this connection, after creating the bucket when asked to.
     *
     * @param bucketProperty the configuration key named in the error when no bucket is set
     */
    public S3Holder connect(String bucketProperty) {
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalStateException(bucketProperty + " is required for the s3 backend");
        }
        S3AsyncClientBuilder builder = S3AsyncClient.builder()
                .region(Region.of(region))
                .forcePathStyle(pathStyle)
                // Checksums only where S3 requires them: S3-compatible stores differ in which
                // newer checksum algorithms they accept.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClientBuilder(NettyNioAsyncHttpClient.builder()
                        .maxConcurrency(maxConcurrency)
                        .connectionAcquisitionTimeout(Duration.ofSeconds(30)));
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        builder.credentialsProvider(accessKey == null || accessKey.isBlank()
                ? DefaultCredentialsProvider.builder().build()
                : StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)));
        S3AsyncClient client = builder.build();
        if (createBucket) {
            createBucketIfMissing(client);
        }
        return new S3Holder(client, S3Objects.create(client, bucket, maxConcurrency));
    }

    private void createBucketIfMissing(S3AsyncClient client) {
        try {
            client.headBucket(b -> b.bucket(bucket)).join();
        } catch (RuntimeException missing) {
            if (missing.getCause() instanceof S3Exception s3 && s3.statusCode() == 404) {
                client.createBucket(b -> b.bucket(bucket)).join();
            } else {
                throw missing;
            }
        }
    }
}
