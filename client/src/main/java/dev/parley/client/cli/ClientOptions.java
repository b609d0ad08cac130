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
