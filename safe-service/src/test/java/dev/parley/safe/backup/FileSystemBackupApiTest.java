package dev.parley.safe.backup;

import dev.parley.safe.FileSystemStorage;

@FileSystemStorage
class FileSystemBackupApiTest extends BackupApiTest {
}
