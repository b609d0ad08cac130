package dev.parley.directory.identity;

import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** One stored identity. {@code revokedAt} set means the identity is revoked and reported INVALID. */
public record Identity(String id, byte[] publicKey, int state, int type, long featureMask, String serverGroup,
                       Instant createdAt, byte[] revocationKey, Instant revocationKeyChangedAt, Instant revokedAt) {

    public static final int STATE_ACTIVE = 0;
    public static final int STATE_INACTIVE = 1;
    public static final int STATE_INVALID = 2;
    public static final int TYPE_REGULAR = 0;
    public static final int TYPE_WORK = 1;

    public boolean revoked() {
        return revokedAt != null;
    }

    /** The state clients see: a revoked identity is INVALID whatever the stored state says. */
    public int reportedState() {
        return revoked() ? STATE_INVALID : state;
    }

    public boolean usable() {
        return reportedState() != STATE_INVALID;
    }

    /** The public lookup object (PROTOCOLS.md §1.4), used by single and bulk fetch alike. */
    public Map<String, Object> toLookupJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("identity", id);
        json.put("publicKey", Base64.getEncoder().encodeToString(publicKey));
        json.put("featureLevel", FeatureMask.legacyFeatureLevel(featureMask));
        json.put("featureMask", featureMask);
        json.put("state", reportedState());
        json.put("type", type);
        return json;
    }
}
