package dev.parley.bench.crypto;

import dev.parley.common.crypto.X25519;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** {@code crypto_box_beforenm}: one X25519 scalar multiplication plus HSalsa20, paid once per peer. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class X25519Benchmark {

    private byte[] secretKey;
    private byte[] peerPublicKey;

    @Setup
    public void setUp() {
        secretKey = X25519.generateKeyPair().secretKey();
        peerPublicKey = X25519.generateKeyPair().publicKey();
    }

    @Benchmark
    public byte[] beforenm() {
        return X25519.beforenm(secretKey, peerPublicKey);
    }
}
