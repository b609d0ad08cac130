package dev.parley.standalone.e2e;

/** One run of the {@code parley} command: its exit code and what it printed. */
record Run(int exit, String out, String err) {
}
