package dev.parley.client.cli;

import dev.parley.client.cli.StateFile.State;
import dev.parley.client.csp.CspClient;
import dev.parley.client.directory.DirectoryClient;
import dev.parley.common.csp.frame.CspContainer;
import dev.parley.common.csp.payload.CspPayloadType;
import dev.parley.common.csp.payload.MessageStruct;
import dev.parley.common.identity.ThreemaId;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code parley receive}: prints what waits (one line per text message: time, sender, text) and
 * acknowledges it, and any alert the server sends (a line marked as such); with {@code --wait} it stays connected that long for more. With multi-device
 * on it goes through the mediator ({@link GroupReceive}) and also prints what the other devices
 * of the identity received or sent.
 */
@Command(name = "receive", description = "Print and acknowledge waiting messages.")
final class ReceiveCommand implements Callable<Integer> {

    @Mixin
    ClientOptions options;

    @Spec
    CommandSpec spec;

    @Option(names = "--wait", defaultValue = "0", description = "Seconds to stay connected after the queue (default 0).")
    int waitSeconds;

    @Override
    public Integer call() throws Exception {
        State me = options.loadState();
        MessageLines lines = new MessageLines(new DirectoryClient(options.directory()), me, spec.commandLine().getOut());
        if (me.multiDevice()) {
            try (GroupConnection group = GroupConnection.open(options, me)) {
                return new GroupReceive(options, group, lines, Duration.ofSeconds(waitSeconds)).run();
            }
        }
        try (CspClient chat = CspClient.connect(options.chatAddress(), options.chatPublicKey(), ThreemaId.of(me.identity()),
                me.keys(), SendCommand.CLI, Duration.ofSeconds(10))) {
            Instant until = null;
            while (true) {
                Duration left = until == null ? Duration.ofSeconds(30) : Duration.between(Instant.now(), until);
                if (left.isNegative()) {
                    return 0;
                }
                CspContainer next = chat.receive(left);
                if (next == null) {
                    return 0;
                }
                if (next.type() == CspPayloadType.QUEUE_SEND_COMPLETE.code()) {
                    until = Instant.now().plusSeconds(waitSeconds);
                } else if (next.type() == CspPayloadType.INCOMING_MESSAGE.code()) {
                    MessageStruct message = chat.decodeMessage(next);
                    lines.incoming(message, "");
                    chat.ackIncoming(message);
                } else if (next.type() == CspPayloadType.ALERT.code()) {
                    lines.alert(next);
                }
            }
        }
    }
}
