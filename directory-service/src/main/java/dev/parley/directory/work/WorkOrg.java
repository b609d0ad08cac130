package dev.parley.directory.work;

import java.util.Map;

/**
 * A Work organisation, its directory categories (id to label) and the MDM parameters it pushes
 * to its clients through {@code fetch2}.
 */
public record WorkOrg(long id, String name, String supportUrl, String logoLightUrl, String logoDarkUrl,
                      boolean directoryEnabled, Map<String, String> categories, Mdm mdm) {

    /** MDM parameters (string, number or boolean values) and whether they override the user's own choices. */
    public record Mdm(boolean override, Map<String, Object> params) {

        public static final Mdm NONE = new Mdm(false, Map.of());
    }
}
