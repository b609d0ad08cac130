package dev.parley.directory.identity;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * The lookup object of PROTOCOLS.md §1.4, written straight to bytes. Lookups are the directory's
 * hottest path and every value in them is an ID ({@code [A-Z0-9*]}), base64 or a number, so no
 * string needs escaping and a general JSON serializer only adds per-request cost.
 */
public final class IdentityJson {

    private IdentityJson() {
    }

    /** {@code {"identity":…,"publicKey":…,"featureLevel":…,"featureMask":…,"state":…,"type":…}}. */
    public static byte[] lookup(Identity identity) {
        return append(new StringBuilder(160), identity).toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** {@code {"identities":[lookup, …]}} for bulk fetches. */
    public static byte[] bulk(List<Identity> identities) {
        StringBuilder json = new StringBuilder(16 + 160 * identities.size()).append("{\"identities\":[");
        for (int i = 0; i < identities.size(); i++) {
            if (i > 0) {
                json.append(',');
            }
            append(json, identities.get(i));
        }
        return json.append("]}").toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static StringBuilder append(StringBuilder json, Identity identity) {
        return json.append("{\"identity\":\"").append(identity.id())
                .append("\",\"publicKey\":\"").append(Base64.getEncoder().encodeToString(identity.publicKey()))
                .append("\",\"featureLevel\":").append(FeatureMask.legacyFeatureLevel(identity.featureMask()))
                .append(",\"featureMask\":").append(identity.featureMask())
                .append(",\"state\":").append(identity.reportedState())
                .append(",\"type\":").append(identity.type())
                .append('}');
    }
}
