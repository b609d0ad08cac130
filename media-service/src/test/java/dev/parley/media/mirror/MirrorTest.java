package dev.parley.media.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.media.BlobClient;
import dev.parley.client.media.BlobHttpException;
import dev.parley.client.media.BlobScope;
import dev.parley.client.media.MirrorDevice;
import dev.parley.media.MediaServiceTest;
import dev.parley.media.RawHttp;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The multi-device blob mirror: scopes, device groups, and how done acts on each copy. */
class MirrorTest extends MediaServiceTest {

    private static MirrorDevice device(int groupByte, long deviceId) {
        byte[] group = new byte[32];
        Arrays.fill(group, (byte) groupByte);
        return new MirrorDevice(deviceId, group);
    }

    private static final MirrorDevice ALICE_PHONE = device(0xa1, 1);
    private static final MirrorDevice ALICE_DESKTOP = device(0xa1, 0x0102030405060708L);
    private static final MirrorDevice BOB = device(0xb2, 3);

    private static int status(Call call) throws Exception {
        try {
            call.run();
            return 200;
        } catch (BlobHttpException e) {
            return e.status();
        }
    }

    interface Call {
        void run() throws Exception;
    }

    @Test
    void localBlobsAreVisibleOnlyToTheirDeviceGroup() throws Exception {
        BlobClient client = client();
        byte[] data = {1, 2, 3, 4};

        String id = client.mirrorUpload(ALICE_PHONE, BlobScope.LOCAL, true, data);

        assertThat(client.mirrorDownload(ALICE_DESKTOP, BlobScope.LOCAL, id)).isEqualTo(data);
        assertThat(client.mirrorDownload(ALICE_DESKTOP, BlobScope.PUBLIC, id)).isEqualTo(data);
        assertThat(status(() -> client.mirrorDownload(BOB, BlobScope.LOCAL, id))).isEqualTo(404);
        assertThat(status(() -> client.mirrorDownload(BOB, BlobScope.PUBLIC, id))).isEqualTo(404);
        assertThat(status(() -> client.download(id))).isEqualTo(404);
        assertThat(status(() -> client.done(id))).isEqualTo(404);
    }

    @Test
    void publicBlobsAreAlsoServedOnTheNormalPath() throws Exception {
        BlobClient client = client();
        byte[] data = {9, 8, 7};

        String id = client.mirrorUpload(ALICE_PHONE, BlobScope.PUBLIC, true, data);

        assertThat(client.download(id)).isEqualTo(data);
        assertThat(client.mirrorDownload(BOB, BlobScope.PUBLIC, id)).isEqualTo(data);
        assertThat(client.mirrorDownload(ALICE_DESKTOP, BlobScope.LOCAL, id)).isEqualTo(data);
        assertThat(status(() -> client.mirrorDownload(BOB, BlobScope.LOCAL, id))).isEqualTo(404);
    }

    @Test
    void blobServerUploadsCanBeFetchedThroughTheMirrorWithPublicScope() throws Exception {
        BlobClient client = client();
        String id = client.upload(new byte[] {5}, false);

        assertThat(client.mirrorDownload(BOB, BlobScope.PUBLIC, id)).containsExactly(5);
        assertThat(status(() -> client.mirrorDownload(BOB, BlobScope.LOCAL, id))).isEqualTo(404);

        client.mirrorDone(BOB, BlobScope.PUBLIC, id);
        assertThat(status(() -> client.download(id))).isEqualTo(404);
    }

    @Test
    void doneOnTheRecipientsCopyKeepsTheSendersMirrorCopyOfASingleUseBlob() throws Exception {
        BlobClient client = client();
        String id = client.mirrorUpload(ALICE_PHONE, BlobScope.PUBLIC, false, new byte[] {42});

        client.done(id);

        assertThat(status(() -> client.download(id))).isEqualTo(404);
        assertThat(client.mirrorDownload(ALICE_DESKTOP, BlobScope.LOCAL, id)).containsExactly(42);
        client.mirrorDone(ALICE_DESKTOP, BlobScope.LOCAL, id);
        assertThat(status(() -> client.mirrorDownload(ALICE_DESKTOP, BlobScope.LOCAL, id))).isEqualTo(404);
        assertThat(storedFile(id)).isFalse();
    }

    @Test
    void localDoneConsumesASingleUseLocalBlob() throws Exception {
        BlobClient client = client();
        String id = client.mirrorUpload(ALICE_PHONE, BlobScope.LOCAL, false, new byte[] {7});

        assertThat(status(() -> client.mirrorDone(BOB, BlobScope.LOCAL, id))).isEqualTo(404);
        client.mirrorDone(ALICE_DESKTOP, BlobScope.LOCAL, id);

        assertThat(status(() -> client.mirrorDownload(ALICE_PHONE, BlobScope.LOCAL, id))).isEqualTo(404);
        assertThat(storedFile(id)).isFalse();
    }

    @Test
    void badMirrorParametersAre400() throws Exception {
        String group = "a1".repeat(32);
        String[] queries = {
            "deviceId=0100000000000000&deviceGroupId=" + "b2".repeat(32) + "&scope=local",
            "deviceId=01&deviceGroupId=" + group + "&scope=local",
            "deviceId=0100000000000000&deviceGroupId=" + group.substring(2) + "&scope=local",
            "deviceId=0100000000000000&deviceGroupId=" + group + "&scope=everyone",
            "deviceGroupId=" + group + "&scope=local",
        };
        byte[] body = RawHttp.concat(RawHttp.partHead(), new byte[] {1}, RawHttp.partTail());
        for (String query : queries) {
            HttpResponse<String> upload = HTTP.send(HttpRequest.newBuilder(base().resolve("a1/upload?" + query))
                    .header("Content-Type", "multipart/form-data; boundary=" + RawHttp.BOUNDARY)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> download = HTTP.send(HttpRequest.newBuilder(
                    base().resolve("a1/00112233445566778899aabbccddeeff?" + query)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(upload.statusCode()).as(query).isEqualTo(400);
            assertThat(download.statusCode()).as(query).isEqualTo(400);
        }
    }
}
