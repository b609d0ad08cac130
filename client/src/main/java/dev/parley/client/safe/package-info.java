/**
 * Threema Safe on the client side: {@link dev.parley.client.safe.SafeKeys} derives the backup ID
 * and key from identity and password, {@link dev.parley.client.safe.SafeBackup} seals and opens
 * the backup body, {@link dev.parley.client.safe.SafeClient} speaks the HTTP API, and
 * {@link dev.parley.client.safe.SafeBackups} ties them into back up and restore.
 */
package dev.parley.client.safe;
