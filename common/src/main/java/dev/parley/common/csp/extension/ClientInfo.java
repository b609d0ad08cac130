package dev.parley.common.csp.extension;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The parsed form of a client-info string (PROTOCOLS.md §5.3):
 * {@code <version>;<platform>;<lang>/<CC>;<rest>}, where the rest is
 * {@code <model>;<os>} for mobile clients (A, I, W),
 * {@code <renderer>;<renderer-version>;<os>;<arch>} for desktop and web (Q) and
 * {@code <os>;<arch>} for bots (B).
 *
 * <p>Parsing is lenient because the string is only informational (metrics, support): missing
 * fields become empty strings, an unknown platform letter becomes
 * {@link ClientPlatform#UNKNOWN}, and a locale without {@code /} is taken as the language alone.
 * The raw string stays available in {@link ClientInfoExtension#clientInfo()}.
 *
 * @param appVersion the app version as the client formats it
 * @param platform the platform letter
 * @param language the language code before {@code /}
 * @param countryCode the country code after {@code /}
 * @param details the platform-specific fields after the locale, in order
 */
public record ClientInfo(String appVersion, ClientPlatform platform, String language,
        String countryCode, List<String> details) {

    public ClientInfo {
        details = List.copyOf(details);
    }

    public static ClientInfo parse(String raw) {
        String[] fields = raw.split(";", -1);
        String version = fields[0];
        ClientPlatform platform = ClientPlatform.fromField(fields.length > 1 ? fields[1] : "");
        String locale = fields.length > 2 ? fields[2] : "";
        int slash = locale.indexOf('/');
        String language = slash < 0 ? locale : locale.substring(0, slash);
        String country = slash < 0 ? "" : locale.substring(slash + 1);
        List<String> details = fields.length > 3
                ? Arrays.asList(Arrays.copyOfRange(fields, 3, fields.length)) : List.of();
        return new ClientInfo(version, platform, language, country, details);
    }

    /** The device model of a mobile client (A, I, W). */
    public Optional<String> deviceModel() {
        return isMobile() ? detail(0) : Optional.empty();
    }

    /** The operating system (version or name) as far as the platform's layout places it. */
    public Optional<String> operatingSystem() {
        switch (platform) {
            case ANDROID:
            case IOS:
            case WINDOWS_PHONE:
                return detail(1);
            case DESKTOP:
                return detail(2);
            case BOT:
                return detail(0);
            default:
                return Optional.empty();
        }
    }

    private boolean isMobile() {
        return platform == ClientPlatform.ANDROID || platform == ClientPlatform.IOS
                || platform == ClientPlatform.WINDOWS_PHONE;
    }

    private Optional<String> detail(int index) {
        return index < details.size() ? Optional.of(details.get(index)) : Optional.empty();
    }
}
