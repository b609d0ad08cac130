package dev.parley.client.cli;

import dev.parley.client.media.BlobClient;
import dev.parley.client.media.BlobEndpoints;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code parley blob put|get|done}: the media server's blob API (bytes as given: encrypt before uploading). */
@Command(name = "blob", description = "Upload, download and release blobs.", subcommands = {
        BlobCommand.Put.class, BlobCommand.Get.class, BlobCommand.Done.class})
final class BlobCommand {

    /** Where the blob server is. */
    static final class BlobOptions {

        @Option(names = "--blob", defaultValue = "${env:PARLEY_BLOB:-http://localhost:8082/}",
                description = "Blob server base URL (default: ${DEFAULT-VALUE}).")
        URI base;

        BlobClient client() {
            return new BlobClient(HttpClient.newHttpClient(), BlobEndpoints.under(base));
        }
    }

    @Command(name = "put", description = "Upload a file; prints its blob ID.")
    static final class Put implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @picocli.CommandLine.Mixin
        BlobOptions options;
        @Parameters(description = "File to upload.")
        Path file;
        @Option(names = "--persist", description = "Keep it after the first done (group media).")
        boolean persist;

        @Override
        public Integer call() throws Exception {
            spec.commandLine().getOut().println(options.client().upload(file, persist));
            return 0;
        }
    }

    @Command(name = "get", description = "Download a blob into a file.")
    static final class Get implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @picocli.CommandLine.Mixin
        BlobOptions options;
        @Parameters(description = "Blob ID.")
        String blobId;
        @Option(names = "--out", required = true, description = "File to write.")
        Path out;

        @Override
        public Integer call() throws Exception {
            long bytes = options.client().downloadTo(blobId, out);
            spec.commandLine().getOut().println(bytes + " bytes to " + out);
            return 0;
        }
    }

    @Command(name = "done", description = "Mark a blob downloaded; a single-use blob is deleted.")
    static final class Done implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @picocli.CommandLine.Mixin
        BlobOptions options;
        @Parameters(description = "Blob ID.")
        String blobId;

        @Override
        public Integer call() throws Exception {
            options.client().done(blobId);
            return 0;
        }
    }
}
