/*
 * libsodium reference numbers for the crypto JMH suite. Each case runs a warm-up loop, then a
 * timed loop, and prints "<name> <size|-> <ops/s>" so bench/run.sh can line it up with JMH.
 * The names match the JMH benchmarks (class without "Benchmark", lowercased, dot, method).
 *
 * Usage: sodium_baseline [seconds-per-case]   (default 2)
 */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef void (*op_fn)(void *ctx);

static double now_seconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double) ts.tv_sec + (double) ts.tv_nsec / 1e9;
}

/* Runs op until `seconds` have passed, checking the clock every `batch` calls. */
static double ops_per_second(op_fn op, void *ctx, double seconds) {
    unsigned long batch = 16, count = 0;
    double start = now_seconds(), elapsed;
    do {
        for (unsigned long i = 0; i < batch; i++) {
            op(ctx);
        }
        count += batch;
        elapsed = now_seconds() - start;
        if (elapsed < 0.01 && batch < (1UL << 20)) {
            batch *= 2;
        }
    } while (elapsed < seconds);
    return (double) count / elapsed;
}

struct box_ctx {
    unsigned char key[crypto_secretbox_KEYBYTES];
    unsigned char nonce[crypto_secretbox_NONCEBYTES];
    unsigned char *plain;
    unsigned char *sealed;
    unsigned char *out;
    size_t size;
};

static void op_secretbox_seal(void *p) {
    struct box_ctx *c = p;
    crypto_secretbox_easy(c->out, c->plain, c->size, c->nonce, c->key);
}

static void op_secretbox_open(void *p) {
    struct box_ctx *c = p;
    if (crypto_secretbox_open_easy(c->out, c->sealed, c->size + crypto_secretbox_MACBYTES, c->nonce, c->key) != 0) {
        fprintf(stderr, "secretbox open failed\n");
        exit(1);
    }
}

static void op_box_afternm(void *p) {
    struct box_ctx *c = p;
    crypto_box_easy_afternm(c->out, c->plain, c->size, c->nonce, c->key);
}

struct dh_ctx {
    unsigned char sk[crypto_box_SECRETKEYBYTES];
    unsigned char peer_pk[crypto_box_PUBLICKEYBYTES];
    unsigned char out[crypto_box_BEFORENMBYTES];
};

static void op_beforenm(void *p) {
    struct dh_ctx *c = p;
    if (crypto_box_beforenm(c->out, c->peer_pk, c->sk) != 0) {
        fprintf(stderr, "beforenm failed\n");
        exit(1);
    }
}

struct hash_ctx {
    unsigned char key[32];
    unsigned char salt[16];
    unsigned char personal[16];
    unsigned char input[1024];
    unsigned char out[32];
};

static void op_derive32(void *p) {
    struct hash_ctx *c = p;
    crypto_generichash_blake2b_salt_personal(c->out, 32, NULL, 0, c->key, 32, c->salt, c->personal);
}

static void op_hash1k(void *p) {
    struct hash_ctx *c = p;
    crypto_generichash(c->out, 32, c->input, sizeof c->input, NULL, 0);
}

static void run(const char *name, const char *size, op_fn op, void *ctx, double seconds) {
    ops_per_second(op, ctx, seconds / 2); /* warm-up: caches, branch predictors, CPU clock */
    printf("%s %s %.1f\n", name, size, ops_per_second(op, ctx, seconds));
    fflush(stdout);
}

int main(int argc, char **argv) {
    double seconds = argc > 1 ? atof(argv[1]) : 2.0;
    static const size_t sizes[] = {64, 256, 4096, 65536};
    char label[16];

    if (sodium_init() < 0) {
        fprintf(stderr, "sodium_init failed\n");
        return 1;
    }
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        struct box_ctx c;
        c.size = sizes[i];
        c.plain = malloc(c.size);
        c.sealed = malloc(c.size + crypto_secretbox_MACBYTES);
        c.out = malloc(c.size + crypto_secretbox_MACBYTES);
        randombytes_buf(c.key, sizeof c.key);
        randombytes_buf(c.nonce, sizeof c.nonce);
        randombytes_buf(c.plain, c.size);
        crypto_secretbox_easy(c.sealed, c.plain, c.size, c.nonce, c.key);
        snprintf(label, sizeof label, "%zu", c.size);
        run("secretbox.seal", label, op_secretbox_seal, &c, seconds);
        run("secretbox.open", label, op_secretbox_open, &c, seconds);
        run("box.sealafternm", label, op_box_afternm, &c, seconds);
        free(c.plain);
        free(c.sealed);
        free(c.out);
    }

    struct dh_ctx dh;
    unsigned char unused_pk[crypto_box_PUBLICKEYBYTES], unused_sk[crypto_box_SECRETKEYBYTES];
    crypto_box_keypair(unused_pk, dh.sk);
    crypto_box_keypair(dh.peer_pk, unused_sk);
    run("x25519.beforenm", "-", op_beforenm, &dh, seconds);

    struct hash_ctx h;
    memset(&h, 0, sizeof h);
    randombytes_buf(h.key, sizeof h.key);
    randombytes_buf(h.input, sizeof h.input);
    h.salt[0] = 'r';
    memcpy(h.personal, "3ma-mdev", 8);
    run("blake2b.derive32", "-", op_derive32, &h, seconds);
    run("blake2b.hash1k", "-", op_hash1k, &h, seconds);
    return 0;
}
