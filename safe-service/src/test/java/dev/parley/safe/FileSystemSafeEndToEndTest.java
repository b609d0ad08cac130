package dev.parley.safe;

@FileSystemStorage
class FileSystemSafeEndToEndTest extends SafeEndToEndTest {
}
