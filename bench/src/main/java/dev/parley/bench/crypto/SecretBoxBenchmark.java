package dev.parley.bench.crypto;

import dev.parley.common.crypto.CryptoRandom;
import dev.parley.common.crypto.SecretBox;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One secretbox per operation on the hot-path API: an instance bound to its key, sealing and
 * opening into preallocated arrays, as the chat server does per frame. Compare with
 * {@code crypto_secretbox_easy} / {@code crypto_secretbox_open_easy} in the libsodium baseline.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SecretBoxBenchmark {

    @Param({"64", "256", "4096", "65536"})
    public int size;

    private SecretBox box;
    private byte[] nonce;
    private byte[] plaintext;
    private byte[] sealed;
    private byte[] out;

    @Setup
    public void setUp() {
        box = SecretBox.withKey(CryptoRandom.bytes(SecretBox.KEY_BYTES));
        nonce = CryptoRandom.bytes(SecretBox.NONCE_BYTES);
        plaintext = CryptoRandom.bytes(size);
        sealed = box.seal(nonce, plaintext);
        out = new byte[size + SecretBox.MAC_BYTES];
    }

    @Benchmark
    public byte[] seal() {
        box.seal(nonce, plaintext, 0, size, out, 0);
        return out;
    }

    @Benchmark
    public byte[] open() {
        box.open(nonce, sealed, 0, sealed.length, out, 0);
        return out;
    }
}
