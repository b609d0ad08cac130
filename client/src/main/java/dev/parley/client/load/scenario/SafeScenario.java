package dev.parley.client.load.scenario;

import dev.parley.client.load.LoadSettings;
import dev.parley.client.load.engine.Metrics;
import dev.parley.client.load.engine.Op;
import dev.parley.client.load.engine.Timer;
import dev.parley.client.safe.SafeClient;
import dev.parley.common.crypto.CryptoRandom;
import dev.parley.common.encoding.Hex;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Safe backups: an operation PUTs {@code safeSize} random bytes under one of the run's backup
 * IDs (one per identity, round robin; the server sees only opaque bytes) and GETs them back.
 * Stages {@code safe.put} and {@code safe.get}. The Safe server throttles per client address and
 * per backup: a load test needs its throttle off or raised (429s are counted as errors).
 */
public final class SafeScenario extends HttpScenario {

    private SafeClient safe;
    private String[] backupIds;
    private byte[] body;
    private Timer put;
    private Timer get;

    public SafeScenario(LoadSettings settings) {
        super(settings);
    }

    @Override
    public String name() {
        return "safe";
    }

    @Override
    void prepare(Metrics metrics) {
        put = metrics.timer("safe.put");
        get = metrics.timer("safe.get");
        safe = SafeClient.forServer(http, settings.safe.toString());
        backupIds = new String[settings.identitiesOr(256)];
        for (int i = 0; i < backupIds.length; i++) {
            backupIds[i] = Hex.encode(CryptoRandom.bytes(32));
        }
        body = CryptoRandom.bytes(settings.safeSize);
    }

    @Override
    void call(Op op) throws Exception {
        String id = backupIds[(int) (op.sequence() % backupIds.length)];
        stage(put, () -> safe.put(id, body));
        Optional<byte[]> back = stage(get, () -> safe.get(id));
        if (back.isEmpty() || !Arrays.equals(back.get(), body)) {
            throw new IllegalStateException("backup read back differs from the one stored");
        }
    }

    @Override
    public Map<String, Object> details() {
        Map<String, Object> details = new LinkedHashMap<>(super.details());
        details.put("backupBytes", settings.safeSize);
        details.put("backupIds", backupIds.length);
        return details;
    }
}
