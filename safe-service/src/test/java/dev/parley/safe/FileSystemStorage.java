package dev.parley.safe;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.test.context.TestPropertySource;

/** Runs an {@link OpenSafeServiceTest} on the filesystem backend in {@link OpenSafeServiceTest#STORE_DIRECTORY}. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Inherited
@TestPropertySource(properties = {
        "parley.safe.storage.backend=filesystem",
        "parley.safe.storage.filesystem.directory=${parley.test.store-directory}"})
public @interface FileSystemStorage {
}
