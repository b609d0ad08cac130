/**
 * Pure codecs for the device-to-mediator protocol (PROTOCOLS.md §6): the WebSocket container
 * and payload types (§6.1, §6.2), the little-endian reflection structs (§6.5), the mediator URL
 * path built from {@code d2m.ClientUrlInfo} (§6.1) and the close codes (§6.4). The protobuf
 * payloads are generated from {@code d2m.proto} into {@code dev.parley.common.d2m.proto}. Codec
 * conventions are in {@link dev.parley.common.codec}.
 */
package dev.parley.common.d2m;
