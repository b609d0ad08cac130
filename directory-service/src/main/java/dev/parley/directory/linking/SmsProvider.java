package dev.parley.directory.linking;

import reactor.core.publisher.Mono;

/** Delivers a phone verification code by SMS or voice call. Chosen by {@code parley.directory.linking.sms.provider}. */
public interface SmsProvider {

    /** What kind of delivery: a text message or a call that reads the code out. */
    enum Kind { SMS, CALL }

    Mono<Void> send(Kind kind, String number, String code, String text);
}
