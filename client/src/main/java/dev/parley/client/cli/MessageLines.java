package dev.parley.client.cli;

import dev.parley.client.cli.StateFile.State;
import dev.parley.client.csp.CspClient;
import dev.parley.client.directory.DirectoryClient;
import dev.parley.client.message.TextMessages;
import dev.parley.common.codec.DecodeException;
import dev.parley.common.csp.frame.CspContainer;
import dev.parley.common.csp.payload.Alert;
import dev.parley.common.csp.payload.MessageStruct;
import dev.parley.common.identity.ThreemaId;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;

/**
 * One printed line per message: {@code <time> <SENDER>: <text>} for what we received, and
 * {@code <time> <US> -> <RECEIVER>: <text>} for what another device of ours sent; alerts from the
 * server on lines of their own. Public keys are
 * looked up once per run.
 */
final class MessageLines {

    private final DirectoryClient directory;
    private final State me;
    private final PrintWriter out;
    private final Map<ThreemaId, byte[]> keys = new HashMap<>();

    MessageLines(DirectoryClient directory, State me, PrintWriter out) {
        this.directory = directory;
        this.me = me;
        this.out = out;
    }

    void incoming(MessageStruct message, String note) {
        String text = text(message, message.sender());
        out.printf("%s %s: %s%s%n", Instant.ofEpochSecond(message.createdAt()), message.sender(), text, note);
        out.flush();
    }

    /**
     * An alert from the chat server's operator, {@code <time> [alert from the chat server] <text>}:
     * the time is when it arrived (alerts carry none), and control characters, line breaks among
     * them, become spaces so that the text stays on its line and cannot steer the terminal.
     */
    void alert(CspContainer container) {
        String text;
        try {
            text = CspClient.alert(container).map(Alert::message).orElseThrow()
                    .replaceAll("[\\p{Cc}\\p{Zl}\\p{Zp}]", " ");
        } catch (DecodeException e) {
            text = "(not valid UTF-8)";
        }
        out.printf("%s [alert from the chat server] %s%n", Instant.now().truncatedTo(ChronoUnit.SECONDS), text);
        out.flush();
    }

    /** A message another device of this identity sent; our key and the receiver's open it. */
    void outgoing(MessageStruct message, String note) {
        String text = text(message, message.receiver());
        out.printf("%s %s -> %s: %s%s%n", Instant.ofEpochSecond(message.createdAt()), message.sender(),
                message.receiver(), text, note);
        out.flush();
    }

    private String text(MessageStruct message, ThreemaId peer) {
        byte[] key = keys.computeIfAbsent(peer, this::lookUp);
        if (key == null) {
            return "(" + peer + " is unknown to the directory)";
        }
        try {
            return TextMessages.open(message, me.keys().secretKey(), key).orElse("(not a text message)");
        } catch (RuntimeException e) {
            return "(does not open with our key)";
        }
    }

    private byte[] lookUp(ThreemaId id) {
        try {
            return directory.fetch(id.toString()).map(p -> p.publicKey()).orElse(null);
        } catch (Exception e) {
            return null;
        }
    }
}
