package dev.parley.directory.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.client.directory.ContactMatch;
import dev.parley.client.directory.DirectoryClient;
import dev.parley.client.directory.DirectoryException;
import dev.parley.client.directory.IdentityCredentials;
import dev.parley.client.directory.PublicIdentity;
import dev.parley.client.directory.RevocationKeyStatus;
import dev.parley.directory.DirectoryTestBase;
import dev.parley.directory.linking.LinkingTestSupport;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.ObjectMapper;

/** The service driven through the SDK's {@link DirectoryClient}, as an app would. */
class DirectoryClientEndToEndTest extends DirectoryTestBase {

    private DirectoryClient client;

    @BeforeEach
    void setUp() {
        client = new DirectoryClient(URI.create("http://127.0.0.1:" + serverPort + "/"));
        SMS.clear();
    }

    @Test
    void createFetchAndFeatureMask() throws Exception {
        IdentityCredentials alice = client.createIdentity();
        IdentityCredentials bob = client.createIdentity();
        assertThat(alice.identity()).matches("[A-Z0-9]{8}");

        PublicIdentity fetched = client.fetch(alice.identity()).orElseThrow();
        assertThat(fetched.publicKey()).isEqualTo(alice.keys().publicKey());
        assertThat(fetched.state()).isEqualTo(PublicIdentity.STATE_ACTIVE);
        assertThat(client.fetch("ZZZZZZZZ")).isEmpty();

        client.setFeatureMask(alice, 0x3ff);
        List<PublicIdentity> bulk = client.fetchBulk(List.of(alice.identity(), bob.identity(), "ZZZZZZZZ"));
        assertThat(bulk).extracting(PublicIdentity::identity).containsExactly(alice.identity(), bob.identity());
        assertThat(bulk.get(0).featureMask()).isEqualTo(0x3ff);
    }

    @Test
    void linkEmailAndPhoneThenMatch() throws Exception {
        IdentityCredentials alice = client.createIdentity();
        IdentityCredentials bob = client.createIdentity();
        String email = "e2e-" + alice.identity().toLowerCase() + "@example.com";
        assertThat(client.linkEmail(alice, email, "en")).isTrue();
        assertThat(client.isEmailLinked(alice, email)).isFalse();
        String verificationId = LinkingTestSupport.verificationIdFromMail(SMTP, email);
        LinkingTestSupport.confirm(api(), verificationId).expectStatus().isOk();
        assertThat(client.isEmailLinked(alice, email)).isTrue();
        assertThat(client.linkEmail(alice, email, "en")).isFalse();

        String number = "+4178" + (1_000_000 + Math.abs(alice.identity().hashCode() % 8_000_000));
        String phoneVerification = client.linkMobileNo(alice, number, "en").orElseThrow();
        String code = new ObjectMapper().readTree(SMS.next().body()).get("code").stringValue();
        assertThatThrownBy(() -> client.verifyMobileNo(phoneVerification, code.equals("00000000") ? "11111111" : "00000000"))
                .isInstanceOf(DirectoryException.class);
        client.verifyMobileNo(phoneVerification, code);
        assertThat(client.linkMobileNo(alice, number, "en")).isEmpty();

        String token = client.matchToken(bob);
        List<ContactMatch> matches = client.match(token, List.of(email.toUpperCase(), "nobody@example.com"), List.of(number));
        assertThat(matches).hasSize(1);
        assertThat(matches.get(0).identity()).isEqualTo(alice.identity());
        assertThat(matches.get(0).publicKey()).isEqualTo(alice.keys().publicKey());
        assertThat(matches.get(0).emailHash()).isNotNull();
        assertThat(matches.get(0).mobileNoHash()).isNotNull();
    }

    @Test
    void revocationPasswordAndRevoke() throws Exception {
        IdentityCredentials alice = client.createIdentity();
        assertThat(client.checkRevocationKey(alice).set()).isFalse();
        client.setRevocationPassword(alice, "my revocation password");
        RevocationKeyStatus status = client.checkRevocationKey(alice);
        assertThat(status.set()).isTrue();
        assertThat(status.lastChanged().toInstant()).isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(5));

        assertThatThrownBy(() -> client.revokeWithPassword(alice.identity(), "wrong")).isInstanceOf(DirectoryException.class);
        client.revokeWithPassword(alice.identity(), "my revocation password");
        assertThat(client.fetch(alice.identity()).orElseThrow().state()).isEqualTo(PublicIdentity.STATE_INVALID);
        assertThat(client.fetchBulk(List.of(alice.identity()))).isEmpty();
        assertThatThrownBy(() -> client.setFeatureMask(alice, 1)).isInstanceOf(DirectoryException.class);

        IdentityCredentials bob = client.createIdentity();
        client.revoke(bob);
        assertThat(client.fetch(bob.identity()).orElseThrow().state()).isEqualTo(PublicIdentity.STATE_INVALID);
    }

    @Test
    void wsRevokeRateLimitSurfacesAs429() throws Exception {
        IdentityCredentials carol = client.createIdentity();
        client.setRevocationPassword(carol, "pw");
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> client.revokeWithPassword(carol.identity(), "guess"))
                    .isInstanceOfSatisfying(DirectoryException.class, e -> assertThat(e.rateLimited()).isFalse());
        }
        assertThatThrownBy(() -> client.revokeWithPassword(carol.identity(), "pw"))
                .isInstanceOfSatisfying(DirectoryException.class, e -> assertThat(e.rateLimited()).isTrue());
    }
}
