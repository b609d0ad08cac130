/**
 * CSP login extensions (PROTOCOLS.md §5.3): the list codec
 * {@link dev.parley.common.csp.extension.LoginExtensions} and one record per known extension.
 */
package dev.parley.common.csp.extension;
