/**
 * Building blocks shared by the pure protocol codecs in {@code dev.parley.common.csp} and
 * {@code dev.parley.common.d2m}: the single {@link dev.parley.common.codec.DecodeException}, a
 * bounds-checked {@link dev.parley.common.codec.ByteReader}, an exact-size
 * {@link dev.parley.common.codec.ByteWriter} and an incremental
 * {@link dev.parley.common.codec.LengthPrefixedFrameDecoder}.
 *
 * <h2>Conventions of every codec</h2>
 * <ul>
 *   <li>A codec is a value record with a static {@code decode(byte[])} and an instance
 *       {@code encode()}; there is no I/O, no threading and no crypto. Ciphertext (boxes) is
 *       carried as opaque bytes.</li>
 *   <li>Decoders bound every length before allocating and reject short input, trailing bytes,
 *       out-of-range lengths and non-zero bytes where PROTOCOLS.md defines zeros, always with
 *       {@link dev.parley.common.codec.DecodeException}. Any other exception from a decoder is a
 *       bug.</li>
 *   <li>Record constructors and encoders reject values that cannot be encoded with
 *       {@link java.lang.IllegalArgumentException}: those are programming errors, not peer
 *       input.</li>
 *   <li>Byte-array fields are not copied: a record takes ownership of the arrays passed to it and
 *       its accessors return those same arrays, so a frame can travel from the socket to storage
 *       without extra copies. Callers must treat them as immutable. {@code equals} and
 *       {@code hashCode} compare array contents; {@code toString} shows only lengths.</li>
 *   <li>Unsigned 32-bit wire values are {@code long}; unsigned 64-bit values (message IDs,
 *       device IDs) are {@code long} holding the same bits.</li>
 * </ul>
 */
package dev.parley.common.codec;
