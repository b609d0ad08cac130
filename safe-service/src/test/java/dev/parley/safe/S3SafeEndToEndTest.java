package dev.parley.safe;

@S3Storage
class S3SafeEndToEndTest extends SafeEndToEndTest {
}
