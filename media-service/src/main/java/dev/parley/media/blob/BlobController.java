package dev.parley.media.blob;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.multipart.PartEvent;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The blob server API (PROTOCOLS.md §2). The same paths answer on one shared hostname and on the
 * per-prefix {@code blobp-xx} hostnames, as nothing here looks at the Host header.
 */
@RestController
class BlobController {

    static final String BLOB_ID = "{blobId:[0-9a-fA-F]{32}}";

    private final BlobService blobs;
    private final UploadGate gate;

    BlobController(BlobService blobs, UploadGate gate) {
        this.blobs = blobs;
        this.gate = gate;
    }

    /** Answers the ID as exactly 32 lowercase hex characters: Android parses the body untrimmed. */
    @PostMapping(path = "/upload", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    Mono<ResponseEntity<String>> upload(@RequestParam(required = false) String persist, ServerWebExchange exchange,
            @RequestBody Flux<PartEvent> body) {
        boolean persistent = UploadGate.persist(persist);
        return gate.admit(exchange.getRequest())
                .then(Mono.defer(() -> blobs.upload(body, persistent, null, null)))
                .map(id -> ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body(id.hex()));
    }

    @RequestMapping(path = "/" + BLOB_ID, method = {RequestMethod.GET, RequestMethod.HEAD})
    Mono<Void> download(@PathVariable String blobId, ServerWebExchange exchange) {
        return BlobResponses.send(exchange.getRequest(), exchange.getResponse(),
                blobs.open(BlobId.parse(blobId), Access.PUBLIC));
    }

    @PostMapping("/" + BLOB_ID + "/done")
    Mono<ResponseEntity<Void>> done(@PathVariable String blobId) {
        return blobs.donePublic(BlobId.parse(blobId)).thenReturn(ResponseEntity.noContent().build());
    }
}
