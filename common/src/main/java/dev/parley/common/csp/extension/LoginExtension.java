package dev.parley.common.csp.extension;

/**
 * One login extension, {@code type u8 || length u16-le || payload} inside the extensions box
 * (PROTOCOLS.md §5.3). The known types have typed records; anything else is kept as an
 * {@link UnknownExtension} so that a newer client never fails to log in.
 */
public sealed interface LoginExtension permits ClientInfoExtension, CspDeviceIdExtension,
        MessagePayloadVersionExtension, DeviceCookieExtension, UnknownExtension {

    int TYPE_CLIENT_INFO = 0x00;
    int TYPE_CSP_DEVICE_ID = 0x01;
    int TYPE_MESSAGE_PAYLOAD_VERSION = 0x02;
    int TYPE_DEVICE_COOKIE = 0x03;

    /** The extension type byte. */
    int type();

    /** The payload bytes, without type and length. */
    byte[] encodePayload();
}
