package dev.parley.client.cli;

import dev.parley.client.cli.StateFile.State;
import dev.parley.common.encoding.Hex;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Where the deployment is and where the client state lives. Defaults fit the standalone platform
 * on this machine. The passphrase comes from {@code PARLEY_PASSPHRASE} or a file, never from the
 * command line (where other users could read it).
 */
final class ClientOptions {

    @Option(names = "--directory", defaultValue = "${env:PARLEY_DIRECTORY:-http://localhost:8081/}",
            description = "Directory base URL (default: ${DEFAULT-VALUE}).")
    URI directory;

    @Option(names = "--chat", defaultValue = "${env:PARLEY_CHAT:-localhost:5222}",
            description = "Chat server host:port (default: ${DEFAULT-VALUE}).")
    String chat;

    @Option(names = "--chat-key", defaultValue = "${env:PARLEY_CHAT_KEY}",
            description = "The chat server's public key, 64 hex characters (or PARLEY_CHAT_KEY).")
    String chatKey;

    @Option(names = "--mediator", defaultValue = "${env:PARLEY_MEDIATOR:-ws://localhost:8085/}",
            description = "Mediator WebSocket base URL, for multi-device (default: ${DEFAULT-VALUE}).")
    String mediator;

    @Option(names = "--rendezvous", defaultValue = "${env:PARLEY_RENDEZVOUS:-ws://localhost:8085/}",
            description = "Rendezvous relay base URL, for linking devices (default: ${DEFAULT-VALUE}).")
    String rendezvous;

    @Option(names = "--state", defaultValue = "${env:PARLEY_STATE:-${sys:user.home}/.parley/state}",
            description = "Encrypted client state file (default: ${DEFAULT-VALUE}).")
    Path state;

    @Option(names = "--passphrase-file", description = "File holding the state passphrase (else PARLEY_PASSPHRASE).")
    Path passphraseFile;

    char[] passphrase() throws IOException {
        if (passphraseFile != null) {
            return Files.readString(passphraseFile).strip().toCharArray();
        }
        String env = System.getenv("PARLEY_PASSPHRASE");
        if (env == null || env.isEmpty()) {
            throw new StateFile.WrongPassphraseException("no passphrase: set PARLEY_PASSPHRASE or --passphrase-file");
        }
        return env.toCharArray();
    }

    State loadState() throws IOException {
        return StateFile.read(state, passphrase());
    }

    URI mediatorBase() {
        return base(mediator, "{deviceGroupIdPrefix8}");
    }

    URI rendezvousBase() {
        return base(rendezvous, "{rendezvousPathPrefix8}");
    }

    /**
     * The URL the SDK appends its own path to. The OPPF's form ({@code ws://host/{prefix8}/}) is
     * accepted too: the placeholder segment is what the SDK adds.
     */
    private static URI base(String url, String placeholder) {
        int at = url.indexOf(placeholder);
        String base = at < 0 ? url : url.substring(0, at);
        return URI.create(base.replaceAll("/+$", ""));
    }

    InetSocketAddress chatAddress() {
        int colon = chat.lastIndexOf(':');
        return new InetSocketAddress(chat.substring(0, colon), Integer.parseInt(chat.substring(colon + 1)));
    }

    byte[] chatPublicKey() {
        if (chatKey == null || chatKey.length() != 64) {
            throw new IllegalArgumentException("the chat server's public key is needed: --chat-key or PARLEY_CHAT_KEY (64 hex)");
        }
        return Hex.decode(chatKey);
    }
}
