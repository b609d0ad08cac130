package dev.parley.client.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class BlobEndpointsTest {

    private static final String BLOB = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";

    @Test
    void fillsPerPrefixTemplatesLikeTheOppfUrls() {
        BlobEndpoints endpoints = new BlobEndpoints("https://blobp-upload.example/upload",
                "https://blobp-{blobIdPrefix}.example/{blobId}", "https://blobp-{blobIdPrefix}.example/{blobId}/done",
                "https://blob-mirror-{deviceGroupIdPrefix4}.example/{deviceGroupIdPrefix8}");

        assertThat(endpoints.downloadUri(BLOB)).hasToString("https://blobp-0a.example/" + BLOB);
        assertThat(endpoints.doneUri(BLOB)).hasToString("https://blobp-0a.example/" + BLOB + "/done");
        assertThat(endpoints.mirrorUri("c3" + "00".repeat(31), "/upload", "x=1"))
                .hasToString("https://blob-mirror-c.example/c3/upload?x=1");
    }

    @Test
    void singleHostPutsEveryPathUnderTheBase() {
        BlobEndpoints endpoints = BlobEndpoints.under(URI.create("http://127.0.0.1:8082"));

        assertThat(endpoints.uploadUri("persist=1")).hasToString("http://127.0.0.1:8082/upload?persist=1");
        assertThat(endpoints.downloadUri(BLOB)).hasToString("http://127.0.0.1:8082/" + BLOB);
    }

    @Test
    void deviceIdIsSentAsLittleEndianHex() {
        MirrorDevice device = new MirrorDevice(0x0102030405060708L, new byte[32]);

        assertThat(device.deviceIdHex()).isEqualTo("0807060504030201");
    }
}
