package dev.parley.bench.codec;

import dev.parley.common.csp.frame.CspContainer;
import dev.parley.common.csp.frame.CspFrameDecoder;
import dev.parley.common.csp.frame.CspFrames;
import dev.parley.common.csp.payload.MessageStruct;
import dev.parley.common.identity.ThreemaId;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Cost of the CSP frame path that every chat-gateway connection runs (PROTOCOLS.md §5.4, §5.6):
 * splitting a TCP byte stream into frames with {@link CspFrameDecoder}, framing a box with
 * {@link CspFrames#encode(byte[])}, and decoding/encoding the message struct of payloads
 * 0x01/0x02. Crypto is excluded; boxes are random bytes of the given size.
 *
 * <p>Stream decoding is measured twice: with the whole stream in one buffer, and fed in
 * 1460-byte segments (a typical TCP MSS) so that frames straddle reads.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CspFrameCodecBenchmark {

    private static final int FRAMES = 16;
    private static final int SEGMENT = 1460;

    /** Box size in bytes; 8192 is the largest box a frame may carry. */
    @Param({"64", "512", "8192"})
    public int payloadSize;

    private byte[] box;
    private byte[] stream;
    private byte[] messageStruct;
    private MessageStruct message;

    @Setup
    public void setUp() {
        Random random = new Random(42);
        box = new byte[payloadSize];
        random.nextBytes(box);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < FRAMES; i++) {
            out.writeBytes(CspFrames.encode(box));
        }
        stream = out.toByteArray();

        int messageBox = Math.max(16, Math.min(payloadSize, CspContainer.MAX_DATA_LENGTH)
                - MessageStruct.OVERHEAD - 64);
        byte[] metadata = new byte[64];
        byte[] nonce = new byte[24];
        byte[] body = new byte[messageBox];
        random.nextBytes(metadata);
        random.nextBytes(nonce);
        random.nextBytes(body);
        message = new MessageStruct(ThreemaId.of("ECHOECHO"), ThreemaId.of("ABCD1234"),
                random.nextLong(), 1_700_000_000L, 0x01, MessageStruct.padNickname("Alice"),
                metadata, nonce, body);
        messageStruct = message.encode();
    }

    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public void decodeStream(Blackhole bh) {
        CspFrameDecoder decoder = new CspFrameDecoder();
        ByteBuffer in = ByteBuffer.wrap(stream);
        for (byte[] frame; (frame = decoder.decode(in)) != null; ) {
            bh.consume(frame);
        }
    }

    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public void decodeStreamInTcpSegments(Blackhole bh) {
        CspFrameDecoder decoder = new CspFrameDecoder();
        for (int off = 0; off < stream.length; off += SEGMENT) {
            ByteBuffer in = ByteBuffer.wrap(stream, off, Math.min(SEGMENT, stream.length - off));
            for (byte[] frame; (frame = decoder.decode(in)) != null; ) {
                bh.consume(frame);
            }
        }
    }

    @Benchmark
    public byte[] encode() {
        return CspFrames.encode(box);
    }

    @Benchmark
    public MessageStruct decodeMessageStruct() {
        return MessageStruct.decode(messageStruct);
    }

    @Benchmark
    public byte[] encodeMessageStruct() {
        return message.encode();
    }
}
