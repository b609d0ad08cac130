package dev.parley.media.mirror;

import dev.parley.media.blob.Access;
import dev.parley.media.blob.BlobId;
import dev.parley.media.blob.BlobResponses;
import dev.parley.media.blob.BlobService;
import dev.parley.media.blob.UploadGate;
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
 * The multi-device blob mirror under {@code /{deviceGroupIdPrefix8}} (PROTOCOLS.md §2). A
 * {@code local} blob is visible only to its device group; a {@code public} one also on the blob
 * server's own paths.
 */
@RestController
@RequestMapping("/{prefix8:[0-9a-fA-F]{2}}")
class MirrorController {

    private static final String BLOB_ID = "{blobId:[0-9a-fA-F]{32}}";

    private final BlobService blobs;
    private final UploadGate gate;

    MirrorController(BlobService blobs, UploadGate gate) {
        this.blobs = blobs;
        this.gate = gate;
    }

    @PostMapping(path = "/upload", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    Mono<ResponseEntity<String>> upload(@PathVariable String prefix8, @RequestParam(required = false) String deviceId,
            @RequestParam(required = false) String deviceGroupId, @RequestParam(required = false) String scope,
            @RequestParam(required = false) String persist, ServerWebExchange exchange, @RequestBody Flux<PartEvent> body) {
        MirrorRequest mirror = MirrorRequest.parse(prefix8, deviceId, deviceGroupId, scope);
        boolean persistent = UploadGate.persist(persist);
        return gate.admit(exchange.getRequest())
                .then(Mono.defer(() -> blobs.upload(body, persistent, mirror.scope(), mirror.deviceGroupId())))
                .map(id -> ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body(id.hex()));
    }

    @RequestMapping(path = "/" + BLOB_ID, method = {RequestMethod.GET, RequestMethod.HEAD})
    Mono<Void> download(@PathVariable String prefix8, @PathVariable String blobId,
            @RequestParam(required = false) String deviceId, @RequestParam(required = false) String deviceGroupId,
            @RequestParam(required = false) String scope, ServerWebExchange exchange) {
        MirrorRequest mirror = MirrorRequest.parse(prefix8, deviceId, deviceGroupId, scope);
        return BlobResponses.send(exchange.getRequest(), exchange.getResponse(),
                blobs.open(BlobId.parse(blobId), Access.mirror(mirror.deviceGroupId(), mirror.scope())));
    }

    @PostMapping("/" + BLOB_ID + "/done")
    Mono<ResponseEntity<Void>> done(@PathVariable String prefix8, @PathVariable String blobId,
            @RequestParam(required = false) String deviceId, @RequestParam(required = false) String deviceGroupId,
            @RequestParam(required = false) String scope) {
        MirrorRequest mirror = MirrorRequest.parse(prefix8, deviceId, deviceGroupId, scope);
        return blobs.doneMirror(BlobId.parse(blobId), mirror.deviceGroupId(), mirror.scope())
                .thenReturn(ResponseEntity.noContent().build());
    }
}
