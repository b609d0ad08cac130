package dev.parley.directory.challenge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.common.crypto.ProtocolKeys;
import dev.parley.common.crypto.ProtocolKeys.DirectoryRealm;
import dev.parley.common.crypto.X25519;
import dev.parley.directory.DirectoryTestBase;
import dev.parley.directory.challenge.ChallengeFailedException.Reason;
import dev.parley.directory.challenge.ChallengeService.Challenge;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class ChallengeServiceTest extends DirectoryTestBase {

    @Autowired
    ChallengeService challenges;

    private final X25519.KeyPair client = X25519.generateKeyPair();

    private byte[] answer(Challenge challenge, DirectoryRealm realm) {
        return ProtocolKeys.directoryChallengeResponse(client.secretKey(), challenge.publicKey(), realm, challenge.token());
    }

    private Reason failure(Runnable check) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(check::run);
        assertThat(thrown).isInstanceOf(ChallengeFailedException.class);
        return ((ChallengeFailedException) thrown).reason();
    }

    @Test
    void acceptsTheRightResponseOnceOnly() {
        Challenge challenge = challenges.issue(DirectoryRealm.CONSUMER, "identity/revoke", "ALICE001").block();
        byte[] response = answer(challenge, DirectoryRealm.CONSUMER);

        challenges.verify(DirectoryRealm.CONSUMER, "identity/revoke", "ALICE001", client.publicKey(),
                challenge.token(), response).block();

        assertThat(failure(() -> challenges.verify(DirectoryRealm.CONSUMER, "identity/revoke", "ALICE001",
                client.publicKey(), challenge.token(), response).block())).isEqualTo(Reason.EXPIRED);
    }

    @Test
    void rejectsAWrongResponseAndBurnsTheToken() {
        Challenge challenge = challenges.issue(DirectoryRealm.CONSUMER, "identity/revoke", "ALICE002").block();
        byte[] wrong = answer(challenge, DirectoryRealm.CONSUMER);
        wrong[0] ^= 1;

        assertThat(failure(() -> challenges.verify(DirectoryRealm.CONSUMER, "identity/revoke", "ALICE002",
                client.publicKey(), challenge.token(), wrong).block())).isEqualTo(Reason.WRONG_RESPONSE);
        assertThat(failure(() -> challenges.verify(DirectoryRealm.CONSUMER, "identity/revoke", "ALICE002",
                client.publicKey(), challenge.token(), answer(challenge, DirectoryRealm.CONSUMER)).block()))
                .isEqualTo(Reason.EXPIRED);
    }

    @Test
    void aTokenIsBoundToItsEndpointSubjectAndRealm() {
        Challenge forEndpoint = challenges.issue(DirectoryRealm.CONSUMER, "identity/revoke", "ALICE003").block();
        assertThat(failure(() -> challenges.verify(DirectoryRealm.CONSUMER, "identity/set_featuremask", "ALICE003",
                client.publicKey(), forEndpoint.token(), answer(forEndpoint, DirectoryRealm.CONSUMER)).block()))
                .isEqualTo(Reason.INVALID_TOKEN);

        Challenge forSubject = challenges.issue(DirectoryRealm.CONSUMER, "identity/revoke", "ALICE003").block();
        assertThat(failure(() -> challenges.verify(DirectoryRealm.CONSUMER, "identity/revoke", "MALLORY1",
                client.publicKey(), forSubject.token(), answer(forSubject, DirectoryRealm.CONSUMER)).block()))
                .isEqualTo(Reason.INVALID_TOKEN);

        Challenge forRealm = challenges.issue(DirectoryRealm.WORK, "identity/revoke", "ALICE003").block();
        assertThat(failure(() -> challenges.verify(DirectoryRealm.CONSUMER, "identity/revoke", "ALICE003",
                client.publicKey(), forRealm.token(), answer(forRealm, DirectoryRealm.CONSUMER)).block()))
                .isEqualTo(Reason.INVALID_TOKEN);
    }

    @Test
    void theWorkRealmUsesItsOwnSalt() {
        Challenge challenge = challenges.issue(DirectoryRealm.WORK, "user-properties", "ALICE004").block();
        assertThat(failure(() -> challenges.verify(DirectoryRealm.WORK, "user-properties", "ALICE004",
                client.publicKey(), challenge.token(), answer(challenge, DirectoryRealm.CONSUMER)).block()))
                .isEqualTo(Reason.WRONG_RESPONSE);

        Challenge again = challenges.issue(DirectoryRealm.WORK, "user-properties", "ALICE004").block();
        challenges.verify(DirectoryRealm.WORK, "user-properties", "ALICE004", client.publicKey(),
                again.token(), answer(again, DirectoryRealm.WORK)).block();
    }

    @Test
    void anExpiredTokenIsRefused() throws InterruptedException {
        Challenge challenge = challenges.issue(DirectoryRealm.CONSUMER, "identity/revoke", "ALICE005").block();
        Thread.sleep(Duration.ofSeconds(6).toMillis());

        assertThat(failure(() -> challenges.verify(DirectoryRealm.CONSUMER, "identity/revoke", "ALICE005",
                client.publicKey(), challenge.token(), answer(challenge, DirectoryRealm.CONSUMER)).block()))
                .isEqualTo(Reason.EXPIRED);
    }

    @Test
    void tokensAreRandom() {
        Challenge a = challenges.issue(DirectoryRealm.CONSUMER, "identity/revoke", "ALICE006").block();
        Challenge b = challenges.issue(DirectoryRealm.CONSUMER, "identity/revoke", "ALICE006").block();
        assertThat(a.token()).isNotEqualTo(b.token()).hasSize(32);
        assertThat(a.publicKey()).isNotEqualTo(b.publicKey());
        assertThatThrownBy(() -> challenges.verify(DirectoryRealm.CONSUMER, "identity/revoke", "ALICE006",
                client.publicKey(), new byte[5], new byte[32]).block()).isInstanceOf(ChallengeFailedException.class);
    }
}
