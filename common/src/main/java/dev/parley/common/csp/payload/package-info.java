/**
 * CSP payloads (PROTOCOLS.md §5.5, §5.6): the type enum and one codec record per payload struct,
 * decoded from and encoded to the {@code data} of a
 * {@link dev.parley.common.csp.frame.CspContainer}.
 */
package dev.parley.common.csp.payload;
