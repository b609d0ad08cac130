package dev.parley.bench.crypto;

import com.goterl.lazysodium.LazySodiumJava;
import com.goterl.lazysodium.SodiumJava;
import dev.parley.common.crypto.CryptoRandom;
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
 * The same secretbox work as {@link SecretBoxBenchmark}, through lazysodium (libsodium over
 * JNA). It answers what calling native libsodium from the JVM would buy, JNA overhead
 * included; production code does not use it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class LazysodiumBenchmark {

    @Param({"64", "256", "4096", "65536"})
    public int size;

    private LazySodiumJava sodium;
    private byte[] key;
    private byte[] nonce;
    private byte[] plaintext;
    private byte[] sealed;
    private byte[] out;

    @Setup
    public void setUp() {
        sodium = new LazySodiumJava(new SodiumJava());
        key = CryptoRandom.bytes(32);
        nonce = CryptoRandom.bytes(24);
        plaintext = CryptoRandom.bytes(size);
        sealed = new byte[size + 16];
        out = new byte[size + 16];
        if (!sodium.cryptoSecretBoxEasy(sealed, plaintext, size, nonce, key)) {
            throw new IllegalStateException("libsodium secretbox failed");
        }
    }

    @Benchmark
    public byte[] secretboxSeal() {
        sodium.cryptoSecretBoxEasy(out, plaintext, size, nonce, key);
        return out;
    }

    @Benchmark
    public byte[] secretboxOpen() {
        if (!sodium.cryptoSecretBoxOpenEasy(out, sealed, sealed.length, nonce, key)) {
            throw new IllegalStateException("libsodium secretbox open failed");
        }
        return out;
    }
}
