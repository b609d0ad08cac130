package dev.parley.directory.work;

import java.util.Map;

/** A Work organisation and its directory categories (id to label). */
public record WorkOrg(long id, String name, String supportUrl, String logoLightUrl, String logoDarkUrl,
                      boolean directoryEnabled, Map<String, String> categories) {
}
