package dev.parley.bench.crypto;

import dev.parley.common.crypto.Blake2b;
import dev.parley.common.crypto.CryptoRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * BLAKE2b as the protocol uses it: {@code derive32} is one key derivation (32-byte key, salt and
 * personal, empty input; compare {@code crypto_generichash_blake2b_salt_personal}), and
 * {@code hash1k} hashes 1 KiB unkeyed to 32 bytes (compare {@code crypto_generichash}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class Blake2bBenchmark {

    private byte[] key;
    private byte[] input;

    @Setup
    public void setUp() {
        key = CryptoRandom.bytes(32);
        input = CryptoRandom.bytes(1024);
    }

    @Benchmark
    public byte[] derive32() {
        return Blake2b.derive(key, "r", "3ma-mdev");
    }

    @Benchmark
    public byte[] hash1k() {
        return Blake2b.hash(32, input);
    }
}
