package dev.parley.safe;

import dev.parley.blobstore.S3ProxyServer;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.test.context.TestPropertySource;

/** Runs an {@link OpenSafeServiceTest} on the s3 backend against the shared in-process S3 server. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Inherited
@TestPropertySource(properties = {
        "parley.safe.storage.backend=s3",
        "parley.safe.storage.s3.endpoint=${parley.test.s3-endpoint}",
        "parley.safe.storage.s3.bucket=" + S3Storage.BUCKET,
        "parley.safe.storage.s3.create-bucket=true",
        "parley.safe.storage.s3.access-key=" + S3ProxyServer.ACCESS_KEY,
        "parley.safe.storage.s3.secret-key=" + S3ProxyServer.SECRET_KEY,
        "parley.safe.storage.s3.spool-directory=${parley.test.spool-directory}"})
public @interface S3Storage {

    String BUCKET = "safe-backups";
}
