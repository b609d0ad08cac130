package dev.parley.client.safe;

import dev.parley.common.crypto.CryptoRandom;
import dev.parley.common.crypto.SecretBox;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;

/**
 * The backup body: {@code nonce(24) || secretbox(key, nonce, gzip(JSON))} with a random nonce.
 * The gzip stream uses stored (uncompressed) deflate blocks: compressing data that is then
 * encrypted would let its size leak something about its content.
 */
public final class SafeBackup {

    private SafeBackup() {
    }

    public static byte[] seal(SafeKeys keys, byte[] json) {
        byte[] nonce = CryptoRandom.bytes(SecretBox.NONCE_BYTES);
        byte[] box = SecretBox.seal(keys.encryptionKey(), nonce, gzipStored(json));
        byte[] body = new byte[nonce.length + box.length];
        System.arraycopy(nonce, 0, body, 0, nonce.length);
        System.arraycopy(box, 0, body, nonce.length, box.length);
        return body;
    }

    /**
     * The JSON inside {@code body}. Throws {@link SafeException} when the body is too short, was
     * not sealed with these keys, or does not hold a gzip stream of at most {@code maxJsonBytes}.
     */
    public static byte[] open(SafeKeys keys, byte[] body, int maxJsonBytes) {
        if (body.length < SecretBox.NONCE_BYTES + SecretBox.MAC_BYTES) {
            throw new SafeException("backup is too short");
        }
        byte[] nonce = Arrays.copyOfRange(body, 0, SecretBox.NONCE_BYTES);
        byte[] box = Arrays.copyOfRange(body, SecretBox.NONCE_BYTES, body.length);
        byte[] gzip;
        try {
            gzip = SecretBox.open(keys.encryptionKey(), nonce, box);
        } catch (RuntimeException e) {
            throw new SafeException("backup cannot be decrypted with this identity and password");
        }
        return gunzip(gzip, maxJsonBytes);
    }

    static byte[] gzipStored(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length + 64);
        try (OutputStream gzip = new StoredGzipOutputStream(out)) {
            gzip.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] gunzip(byte[] gzip, int maxBytes) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] chunk = new byte[8192];
            int read;
            while ((read = in.read(chunk)) > 0) {
                if (out.size() + read > maxBytes) {
                    throw new SafeException("backup content is larger than " + maxBytes + " bytes");
                }
                out.write(chunk, 0, read);
            }
            return out.toByteArray();
        } catch (ZipException e) {
            throw new SafeException("backup content is not a gzip stream");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** GZIPOutputStream whose deflater writes stored blocks only. */
    private static final class StoredGzipOutputStream extends GZIPOutputStream {
        StoredGzipOutputStream(OutputStream out) throws IOException {
            super(out);
            def.setLevel(Deflater.NO_COMPRESSION);
        }
    }
}
