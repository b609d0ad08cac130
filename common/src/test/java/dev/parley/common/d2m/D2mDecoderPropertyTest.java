package dev.parley.common.d2m;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.common.codec.CodecLaws;
import dev.parley.common.codec.DecodeException;
import dev.parley.common.codec.Fuzz;
import dev.parley.common.d2m.rendezvous.RendezvousPath;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

class D2mDecoderPropertyTest {

    static final List<CodecLaws<?>> CODECS = List.of(
            CodecLaws.canonical("D2M container", D2mContainer::decode, D2mContainer::encode),
            CodecLaws.lenient("reflect", Reflect::decode, Reflect::encode),
            CodecLaws.lenient("reflected", Reflected::decode, Reflected::encode),
            CodecLaws.lenient("reflect-ack", ReflectAck::decode, ReflectAck::encode),
            CodecLaws.lenient("reflected-ack", ReflectedAck::decode, ReflectedAck::encode),
            CodecLaws.lenient("mediator path",
                    b -> MediatorPath.parse(new String(b, StandardCharsets.ISO_8859_1)),
                    p -> p.toPath().getBytes(StandardCharsets.ISO_8859_1)));

    @Property(tries = 2000)
    void arbitraryBytesOnlyEverFailWithDecodeException(@ForAll @Size(max = 300) byte[] input) {
        for (CodecLaws<?> codec : CODECS) {
            codec.check(input);
        }
    }

    @Property
    void arbitraryPathsOnlyEverFailWithDecodeException(@ForAll("paths") String path) {
        Fuzz.decode(b -> MediatorPath.parse(path), new byte[0]);
        Fuzz.decode(b -> RendezvousPath.parseRequestPath(path), new byte[0]);
    }

    @Provide
    Arbitrary<String> paths() {
        Arbitrary<String> hexish = Arbitraries.strings().withChars("0123456789abcdefA/")
                .ofMaxLength(200).map(s -> "/" + s);
        return Arbitraries.oneOf(hexish, Arbitraries.strings().ofMaxLength(200));
    }

    @Property
    void mutatedMediatorPathsOnlyEverFailWithDecodeException(@ForAll @Size(32) byte[] dgid,
            @ForAll("groups") String group, @ForAll @IntRange(min = 0, max = 200) int index,
            @ForAll @IntRange(min = 0, max = 15) int digit) {
        String path = new MediatorPath(dgid, group).toPath();
        assertThat(MediatorPath.parse(path)).isEqualTo(new MediatorPath(dgid, group));
        char[] chars = path.toCharArray();
        int i = 4 + index % (chars.length - 4);
        chars[i] = Character.forDigit(digit, 16);
        CODECS.get(5).check(new String(chars).getBytes(StandardCharsets.ISO_8859_1));
    }

    @Provide
    Arbitrary<String> groups() {
        return Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(8);
    }

    @Property
    void reflectionStructsRoundTrip(@ForAll @IntRange(min = 0, max = 0xffff) int flags,
            @ForAll @LongRange(min = 0, max = 0xffff_ffffL) long id, @ForAll long timestamp,
            @ForAll @Size(max = 200) byte[] envelope) {
        Reflect reflect = new Reflect(flags, id, envelope);
        assertThat(Reflect.decode(reflect.encode())).isEqualTo(reflect);
        Reflected reflected = new Reflected(flags, id, timestamp, envelope);
        assertThat(Reflected.decode(reflected.encode())).isEqualTo(reflected);
        assertThat(ReflectAck.decode(new ReflectAck(id, timestamp).encode()))
                .isEqualTo(new ReflectAck(id, timestamp));
        assertThat(ReflectedAck.decode(new ReflectedAck(id).encode())).isEqualTo(new ReflectedAck(id));
        D2mContainer container = new D2mContainer(0x82, reflected.encode());
        assertThat(Reflected.decode(D2mContainer.decode(container.encode()).payload()))
                .isEqualTo(reflected);
    }

    @Property
    void extraHeaderBytesAreSkipped(@ForAll @IntRange(min = 16, max = 255) int headerLength,
            @ForAll @Size(max = 50) byte[] envelope) {
        byte[] payload = new byte[headerLength + envelope.length];
        payload[0] = (byte) headerLength;
        payload[4] = 9;
        System.arraycopy(envelope, 0, payload, headerLength, envelope.length);
        assertThat(Reflected.decode(payload).envelope()).isEqualTo(envelope);
        assertThat(Reflect.decode(payload).envelope()).isEqualTo(envelope);
        assertThat(Reflect.decode(payload).reflectId()).isEqualTo(9);
    }

    @Property
    void headerLengthsBelowTheMinimumAreRejected(@ForAll @IntRange(min = 0, max = 15) int headerLength) {
        byte[] payload = new byte[40];
        payload[0] = (byte) headerLength;
        try {
            Reflected.decode(payload);
            throw new AssertionError("accepted header length " + headerLength);
        } catch (DecodeException expected) {
            assertThat(expected).hasMessage("reflected header too short");
        }
    }
}
