package dev.parley.pushrelay.push;

/** The push services we deliver to; {@link #tag()} names them in metrics. */
public enum Provider {
    FCM("fcm"),
    APNS("apns"),
    HMS("hms"),
    THREEMA_GATEWAY("threema-gateway");

    private final String tag;

    Provider(String tag) {
        this.tag = tag;
    }

    public String tag() {
        return tag;
    }
}
