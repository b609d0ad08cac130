package dev.parley.standalone;

import dev.parley.standalone.services.RunningService;
import dev.parley.standalone.services.ServiceKind;
import java.util.ArrayList;
import java.util.List;

/** The table the launcher prints once everything listens: what answers where. */
final class ListeningTable {

    private ListeningTable() {
    }

    static String render(RunningStandalone running) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"SERVICE", "PUBLIC", "INTERNAL (actuator)"});
        for (RunningService service : running.services()) {
            rows.add(new String[] {service.kind().id(), "http://localhost:" + service.publicPort(),
                    "http://localhost:" + service.internalPort() + "/actuator/health"});
            if (service.kind() == ServiceKind.CHAT) {
                rows.add(new String[] {"chat (CSP)", "tcp://localhost:" + running.cspPort(), ""});
            }
        }
        rows.add(new String[] {"postgresql", running.postgresJdbcUrl() + " (user postgres)", ""});
        rows.add(new String[] {"redis", "redis://127.0.0.1:" + running.redisPort(), ""});
        int[] widths = new int[3];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder("\nParley is running. Data: ").append(running.settings().dataDir()).append('\n');
        for (String[] row : rows) {
            out.append("  ").append(pad(row[0], widths[0])).append("  ").append(pad(row[1], widths[1]))
                    .append("  ").append(row[2]).append('\n');
        }
        out.append("Chat server public key: ").append(running.keys().chatServerPublicKey()).append('\n');
        out.append("OPPF signing public key: ").append(running.keys().oppfSigningPublicKey()).append('\n');
        out.append("Press Ctrl-C to stop.\n");
        return out.toString();
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(width - text.length());
    }
}
