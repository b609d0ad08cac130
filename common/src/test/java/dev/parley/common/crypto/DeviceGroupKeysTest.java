package dev.parley.common.crypto;

import static dev.parley.common.encoding.Hex.decode;
import static dev.parley.common.encoding.Hex.encode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeviceGroupKeysTest {

    // Both rows of PROTOCOLS.md §7, from threema-desktop
    // src/test/mocha/common/data/device-group-key-derivation-test-vectors.ts.
    @ParameterizedTest
    @CsvSource({
        "1b35ed7e1ba9993171fe4a7eed30c2831905c3a583616d61e93782da900bf8ba, "
            + "60c0ed9098902c0b6093be4a819bf344900bc7473504ccdb61004b1b58aa2233, "
            + "a4bf34ff67ed3b731a2aa6e023335f7eba6c914e877da3d15bff41d84f7f75f8, "
            + "5953fb9775d8c23fae573e245534dac2c7aa16b62ea73b954ea4177d192e8c50, "
            + "7a91ad36bc9537ccfd6fd76b23d7f5319e506e6a5294c988c9a75c8e34a3c9dd, "
            + "7c6b94affb171c564bfd375d50c4781d72ab2671ae4035ab4307dedce67ef30e",
        "7cf1c4847fb32d6c3702747018d0cccdc2f724c115bfca1036ae6208d2b7c68c, "
            + "2b59e83e5a93ce4a09eeb4db91ec30e63cc3f173385742dd4a27ef83e5bef4f3, "
            + "fa33785f528439c2bfd9b7220ff03ebca919c1c127aca91878f2038b65a79c73, "
            + "8a8199023dfeda5793e06552fb968282d7e7e29452c1229dcb212fb7d48f1e6a, "
            + "bd96dd0f700c5d77da666990854eb4287d5f20a9be0deda6d88b875963c39b3f, "
            + "351e81590fb0115f8d1ab604c7eaf6996f3e079ea0a591db62caea4dcd7c6bda"
    })
    void publishedDeviceGroupVectors(String dgk, String dgpk, String dgrk, String dgdik, String dgsddk, String dgtsk) {
        DeviceGroupKeys keys = DeviceGroupKeys.derive(decode(dgk));
        assertThat(encode(keys.dgpk())).isEqualTo(dgpk);
        assertThat(encode(keys.dgrk())).isEqualTo(dgrk);
        assertThat(encode(keys.dgdik())).isEqualTo(dgdik);
        assertThat(encode(keys.dgsddk())).isEqualTo(dgsddk);
        assertThat(encode(keys.dgtsk())).isEqualTo(dgtsk);
        // DGID is defined as the X25519 public key of the DGPK scalar.
        assertThat(keys.dgid()).isEqualTo(X25519.publicKey(decode(dgpk)));
        assertThat(keys.toString()).contains(encode(keys.dgid())).doesNotContain(dgpk).doesNotContain(dgrk);
        assertThat(DeviceGroupKeys.derive(decode(dgk))).isEqualTo(keys).hasSameHashCodeAs(keys);
    }

    @Test
    void rejectsWrongDgkLength() {
        assertThatThrownBy(() -> DeviceGroupKeys.derive(new byte[31])).isInstanceOf(CryptoException.class);
        assertThatThrownBy(() -> DeviceGroupKeys.derive(null)).isInstanceOf(CryptoException.class);
    }
}
