package dev.parley.bench.crypto;

import dev.parley.common.crypto.Box;
import dev.parley.common.crypto.CryptoRandom;
import dev.parley.common.crypto.SecretBox;
import dev.parley.common.crypto.X25519;
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
 * A box between two X25519 key pairs with the key precomputed once ({@link Box#precompute}),
 * the way a connection keeps it. Compare with {@code crypto_box_easy_afternm}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class BoxBenchmark {

    @Param({"64", "256", "4096", "65536"})
    public int size;

    private SecretBox box;
    private byte[] nonce;
    private byte[] plaintext;
    private byte[] out;

    @Setup
    public void setUp() {
        X25519.KeyPair own = X25519.generateKeyPair();
        X25519.KeyPair peer = X25519.generateKeyPair();
        box = Box.precompute(own.secretKey(), peer.publicKey());
        nonce = CryptoRandom.bytes(Box.NONCE_BYTES);
        plaintext = CryptoRandom.bytes(size);
        out = new byte[size + Box.MAC_BYTES];
    }

    @Benchmark
    public byte[] sealAfternm() {
        box.seal(nonce, plaintext, 0, size, out, 0);
        return out;
    }
}
