package dev.parley.client.load;

import dev.parley.client.media.BlobEndpoints;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The deployment as its provisioning document (OPPF) announces it: chat host, first port and
 * key, directory, blob endpoints, Safe and mediator. The signature is not checked here
 * ({@code parley oppf verify} does that); a load test trusts the operator's URL.
 */
final class Oppf {

    private Oppf() {
    }

    /** Fills {@code s} from the document at {@code url}; fields the document lacks stay as they are. */
    static void apply(URI url, LoadSettings s) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()
                .send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("OPPF " + url + ": HTTP " + response.statusCode());
        }
        String text = response.body();
        int split = text.lastIndexOf('\n');
        JsonNode oppf = new ObjectMapper().readTree(split < 0 ? text : text.substring(0, split));
        JsonNode chat = oppf.path("chat");
        if (chat.has("hostname") && chat.path("ports").size() > 0) {
            s.chat = new InetSocketAddress(chat.path("hostname").asString(), chat.path("ports").get(0).asInt());
        }
        if (chat.has("publicKey")) {
            s.chatKey = Base64.getDecoder().decode(chat.path("publicKey").asString());
        }
        if (oppf.path("directory").has("url")) {
            s.directory = URI.create(oppf.path("directory").path("url").asString());
        }
        JsonNode blob = oppf.path("blob");
        if (blob.has("uploadUrl") && blob.has("downloadUrl") && blob.has("doneUrl")) {
            s.blobEndpoints = new BlobEndpoints(blob.path("uploadUrl").asString(), blob.path("downloadUrl").asString(),
                    blob.path("doneUrl").asString(), blob.path("uploadUrl").asString());
        }
        if (oppf.path("safe").has("url")) {
            s.safe = URI.create(oppf.path("safe").path("url").asString());
        }
        if (oppf.path("mediator").has("url")) {
            String mediator = oppf.path("mediator").path("url").asString();
            int template = mediator.indexOf("/{deviceGroupIdPrefix8}");
            s.mediator = URI.create(template < 0 ? mediator : mediator.substring(0, template));
        }
    }
}
