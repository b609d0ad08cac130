/**
 * CSP handshake messages (PROTOCOLS.md §5.2): client-hello, server-hello, login and login-ack,
 * which travel without length prefix, and the plaintexts of their boxes. All are fixed size
 * except the login's extensions box, whose length the decrypted login data announces.
 */
package dev.parley.common.csp.handshake;
