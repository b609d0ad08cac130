package dev.parley.client.cli;

import dev.parley.client.cli.StateFile.State;
import dev.parley.common.encoding.Hex;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/**
 * Where the deployment is and where the client state lives. Defaults fit the standalone platform
 * on this machine. With {@code --oppf} the deployment's signed provisioning document names the
 * endpoints instead (flags given as well win); it is used only once its signature verifies with
 * {@code --oppf-key}. The passphrase comes from {@code PARLEY_PASSPHRASE} or a file, never from
 * the command line (where other users could read it).
 */
final class ClientOptions {

    @Option(names = "--oppf", defaultValue = "${env:PARLEY_OPPF}",
            description = "Take directory, chat server and key, mediator and rendezvous relay from this signed "
                    + "provisioning document (or PARLEY_OPPF); flags given as well win.")
    URI oppf;

    @Option(names = "--oppf-key", defaultValue = "${env:PARLEY_OPPF_KEY}",
            description = "The Ed25519 key the OPPF must be signed with, 64 hex characters (or PARLEY_OPPF_KEY).")
    String oppfKey;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    private boolean resolved;

    @Option(names = "--directory", defaultValue = "${env:PARLEY_DIRECTORY:-http://localhost:8081/}",
            description = "Directory base URL (default: ${DEFAULT-VALUE}).")
    private URI directory;

    @Option(names = "--chat", defaultValue = "${env:PARLEY_CHAT:-localhost:5222}",
            description = "Chat server host:port (default: ${DEFAULT-VALUE}).")
    private String chat;

    @Option(names = "--chat-key", defaultValue = "${env:PARLEY_CHAT_KEY}",
            description = "The chat server's public key, 64 hex characters (or PARLEY_CHAT_KEY).")
    private String chatKey;

    @Option(names = "--mediator", defaultValue = "${env:PARLEY_MEDIATOR:-ws://localhost:8085/}",
            description = "Mediator WebSocket base URL, for multi-device (default: ${DEFAULT-VALUE}).")
    private String mediator;

    @Option(names = "--rendezvous", defaultValue = "${env:PARLEY_RENDEZVOUS:-ws://localhost:8085/}",
            description = "Rendezvous relay base URL, for linking devices (default: ${DEFAULT-VALUE}).")
    private String rendezvous;

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

    /** Fills in, once, what the verified OPPF names and the command line did not. */
    private void resolve() throws Exception {
        if (resolved || oppf == null) {
            return;
        }
        JsonNode doc = SignedOppf.fetch(oppf, oppfKey).json();
        ParseResult given = command.commandLine().getParseResult();
        if (!given.hasMatchedOption("--directory") && doc.path("directory").hasNonNull("url")) {
            directory = URI.create(doc.path("directory").path("url").asString());
        }
        JsonNode chatServer = doc.path("chat");
        if (!given.hasMatchedOption("--chat") && chatServer.path("ports").size() > 0) {
            chat = chatServer.path("hostname").asString() + ":" + chatServer.path("ports").get(0).asInt();
        }
        if (!given.hasMatchedOption("--chat-key") && chatServer.hasNonNull("publicKey")) {
            chatKey = Hex.encode(Base64.getDecoder().decode(chatServer.path("publicKey").asString()));
        }
        if (!given.hasMatchedOption("--mediator") && doc.path("mediator").hasNonNull("url")) {
            mediator = doc.path("mediator").path("url").asString();
        }
        if (!given.hasMatchedOption("--rendezvous") && doc.path("rendezvous").hasNonNull("url")) {
            rendezvous = doc.path("rendezvous").path("url").asString();
        }
        resolved = true;
    }

    URI directory() throws Exception {
        resolve();
        return directory;
    }

    URI mediatorBase() throws Exception {
        resolve();
        return base(mediator, "{deviceGroupIdPrefix8}");
    }

    URI rendezvousBase() throws Exception {
        resolve();
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

    InetSocketAddress chatAddress() throws Exception {
        resolve();
        int colon = chat.lastIndexOf(':');
        return new InetSocketAddress(chat.substring(0, colon), Integer.parseInt(chat.substring(colon + 1)));
    }

    byte[] chatPublicKey() throws Exception {
        resolve();
        if (chatKey == null || chatKey.length() != 64) {
            throw new IllegalArgumentException("the chat server's public key is needed: --chat-key or PARLEY_CHAT_KEY (64 hex)");
        }
        return Hex.decode(chatKey);
    }
}
