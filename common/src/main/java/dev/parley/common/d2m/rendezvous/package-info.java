/**
 * Rendezvous relay helpers (PROTOCOLS.md §6.6): validation of the 64-hex-character rendezvous
 * path for the relay, and the {@code u32-le length || data} frame codec that the two devices use
 * end to end (the relay forwards bytes without parsing them).
 */
package dev.parley.common.d2m.rendezvous;
