package dev.parley.safe.backup;

import dev.parley.safe.S3Storage;

@S3Storage
class S3BackupApiTest extends BackupApiTest {
}
