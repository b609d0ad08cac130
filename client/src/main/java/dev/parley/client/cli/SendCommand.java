package dev.parley.client.cli;

import dev.parley.client.cli.StateFile.State;
import dev.parley.client.csp.CspClient;
import dev.parley.client.directory.DirectoryClient;
import dev.parley.client.directory.PublicIdentity;
import dev.parley.client.message.TextMessages;
import dev.parley.common.csp.extension.ClientInfoExtension;
import dev.parley.common.csp.extension.LoginExtensions;
import dev.parley.common.csp.extension.MessagePayloadVersionExtension;
import dev.parley.common.csp.frame.CspContainer;
import dev.parley.common.csp.payload.CspPayloadType;
import dev.parley.common.csp.payload.MessageAck;
import dev.parley.common.csp.payload.MessageStruct;
import dev.parley.common.d2m.D2mPayloadType;
import dev.parley.common.identity.ThreemaId;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code parley send --to ID TEXT}: an end-to-end encrypted text message, confirmed by the
 * server's ack. With multi-device on, the device must lead its group: the message is reflected to
 * the other devices first, then sent through the mediator's CSP proxy.
 */
@Command(name = "send", description = "Send an end-to-end encrypted text message.")
final class SendCommand implements Callable<Integer> {

    static final LoginExtensions CLI = LoginExtensions.of(new ClientInfoExtension("0.1.0;B;en/--;parley-cli;java"),
            new MessagePayloadVersionExtension(MessagePayloadVersionExtension.METADATA_FORMAT));

    @Mixin
    ClientOptions options;

    @Spec
    CommandSpec spec;

    @Option(names = "--to", required = true, description = "Receiver identity.")
    String to;

    @Option(names = "--nickname", defaultValue = "", description = "Nickname shown to the receiver.")
    String nickname;

    @Parameters(arity = "1..*", description = "Text to send.")
    String[] words;

    @Override
    public Integer call() throws Exception {
        State me = options.loadState();
        PublicIdentity receiver = new DirectoryClient(options.directory()).fetch(to)
                .filter(r -> r.state() != 2)
                .orElseThrow(() -> new Parley.RefusedException("unknown or revoked receiver " + to));
        MessageStruct message = TextMessages.text(ThreemaId.of(me.identity()), me.keys().secretKey(), ThreemaId.of(to),
                receiver.publicKey(), nickname, String.join(" ", words));
        if (me.multiDevice()) {
            try (GroupConnection group = GroupConnection.open(options, me)) {
                group.awaitLeadership();
                try (CspClient chat = group.chat(options)) {
                    // Other devices must not see a message the chat server will never take.
                    group.confirmLogin(chat);
                    group.reflectOutgoing(message);
                    if (group.d2m().receive(D2mPayloadType.REFLECT_ACK, GroupConnection.TIMEOUT) == null) {
                        throw new java.io.IOException("the mediator did not confirm the reflection");
                    }
                    return sendAndAwaitAck(chat, message);
                }
            }
        }
        try (CspClient chat = CspClient.connect(options.chatAddress(), options.chatPublicKey(), ThreemaId.of(me.identity()),
                me.keys(), CLI, Duration.ofSeconds(10))) {
            return sendAndAwaitAck(chat, message);
        }
    }

    private int sendAndAwaitAck(CspClient chat, MessageStruct message) throws Exception {
        chat.sendMessage(message);
        for (CspContainer c; (c = chat.receive(CspPayloadType.OUTGOING_MESSAGE_ACK, Duration.ofSeconds(15))) != null; ) {
            if (MessageAck.decode(c.data()).messageId() == message.messageId()) {
                spec.commandLine().getOut().printf("sent %016x to %s%n", message.messageId(), to);
                return 0;
            }
        }
        // A close (a refused login among them) ends the wait above with its own exception.
        throw new java.io.IOException("the server did not acknowledge the message");
    }
}
