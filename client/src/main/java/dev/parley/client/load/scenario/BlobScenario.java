package dev.parley.client.load.scenario;

import dev.parley.client.load.LoadSettings;
import dev.parley.client.load.engine.Metrics;
import dev.parley.client.load.engine.Op;
import dev.parley.client.load.engine.Timer;
import dev.parley.client.media.BlobClient;
import dev.parley.client.media.BlobEndpoints;
import dev.parley.common.crypto.CryptoRandom;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Blob upload and download: an operation uploads {@code blobSize} random bytes (as Android's
 * multipart), downloads them again and checks them, then marks the blob done. Stages
 * {@code blob.upload} and {@code blob.download}.
 */
public final class BlobScenario extends HttpScenario {

    private BlobClient blobs;
    private byte[] payload;
    private Timer upload;
    private Timer download;

    public BlobScenario(LoadSettings settings) {
        super(settings);
    }

    @Override
    public String name() {
        return "blob";
    }

    @Override
    void prepare(Metrics metrics) {
        upload = metrics.timer("blob.upload");
        download = metrics.timer("blob.download");
        blobs = new BlobClient(http, settings.blobEndpoints != null ? settings.blobEndpoints
                : BlobEndpoints.under(settings.blob));
        payload = CryptoRandom.bytes(settings.blobSize);
    }

    @Override
    void call(Op op) throws Exception {
        String id = stage(upload, () -> blobs.upload(payload, false));
        byte[] back = stage(download, () -> blobs.download(id));
        if (!Arrays.equals(back, payload)) {
            throw new IllegalStateException("downloaded blob differs from the upload");
        }
        blobs.done(id);
    }

    @Override
    public Map<String, Object> details() {
        Map<String, Object> details = new LinkedHashMap<>(super.details());
        details.put("blobBytes", settings.blobSize);
        return details;
    }
}
