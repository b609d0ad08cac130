package dev.parley.client.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.cli.Parley;
import dev.parley.client.load.csp.CspLoadClient;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class LoadCommandTest {

    @Test
    void durationsReadTheWayPeopleWriteThem() {
        LoadCommand.DurationConverter c = new LoadCommand.DurationConverter();
        assertThat(c.convert("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.convert("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(c.convert("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(c.convert("1.5")).isEqualTo(Duration.ofMillis(1500));
        assertThat(c.convert("PT1H")).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void sourceAddressesComeFromRangesListsOrAutomatically() throws Exception {
        InetSocketAddress loopback = new InetSocketAddress("127.0.0.1", 5222);
        assertThat(CspLoadClient.sourceAddresses("127.0.0.1-127.0.0.4", loopback, 10)).extracting(InetAddress::getHostAddress)
                .containsExactly("127.0.0.1", "127.0.0.2", "127.0.0.3", "127.0.0.4");
        assertThat(CspLoadClient.sourceAddresses("127.0.0.9,127.0.0.7", loopback, 10)).hasSize(2);
        assertThat(CspLoadClient.sourceAddresses("auto", loopback, 1000)).isEmpty();
        List<InetAddress> many = CspLoadClient.sourceAddresses("auto", loopback, 100_000);
        assertThat(many).hasSize(6);
        assertThat(many).allMatch(InetAddress::isLoopbackAddress);
        assertThat(CspLoadClient.sourceAddresses("none", loopback, 100_000)).isEmpty();
    }

    @Test
    void theMixIsParsed() {
        assertThat(LoadCommand.parseMix("messages=70, directory=20,blob=10")).containsExactly(
                java.util.Map.entry("messages", 70), java.util.Map.entry("directory", 20), java.util.Map.entry("blob", 10));
    }

    @Test
    void loadIsASubcommandOfParleyWithItsHelp() {
        StringWriter out = new StringWriter();
        CommandLine cli = Parley.commandLine();
        cli.setOut(new PrintWriter(out));
        assertThat(cli.execute("load", "--help")).isZero();
        assertThat(out.toString()).contains("--rate", "--concurrency", "--report-dir", "--source-addresses", "mixed");
    }

    @Test
    void anUnknownScenarioIsAUsageError() {
        CommandLine cli = Parley.commandLine();
        cli.setErr(new PrintWriter(new StringWriter()));
        assertThat(cli.execute("load", "nonsense", "--chat-key", "00".repeat(32))).isEqualTo(2);
    }

    @Test
    void anUnreachableChatServerFailsTheSetUp() {
        StringWriter err = new StringWriter();
        CommandLine cli = Parley.commandLine();
        cli.setErr(new PrintWriter(err));
        cli.setOut(new PrintWriter(new StringWriter()));
        // Port 1 on loopback refuses; identities are not needed for the refusal to show: the admin API is down too.
        int exit = cli.execute("load", "logins", "--chat", "127.0.0.1:1", "--chat-key", "00".repeat(32),
                "--directory", "http://127.0.0.1:1/", "--duration", "1s", "--no-report", "--no-progress");
        assertThat(exit).isNotZero();
    }
}
