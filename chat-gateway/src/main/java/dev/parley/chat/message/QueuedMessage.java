package dev.parley.chat.message;

/** A stored message as the queue hands it out: its order, whether it awaits an ack, and the struct bytes. */
record QueuedMessage(long seq, String sender, long messageId, boolean noAck, byte[] payload) {
}
