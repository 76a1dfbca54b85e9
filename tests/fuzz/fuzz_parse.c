/* libFuzzer target for the parser: every input is one .mig file. Each run
   gets a fresh arena and diagnostics sink, parses, prints the diagnostics
   (so that quoting source lines and placing carets on arbitrary bytes is
   exercised too) into a memory stream, and frees everything, so that
   LeakSanitizer sees any allocation the parser keeps outside the arena.
   Built by tests/fuzz/run.sh (clang, -fsanitize=fuzzer,address,undefined). */
#define _POSIX_C_SOURCE 200809L

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "arena.h"
#include "diag.h"
#include "parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct arena a = {0};
    struct diag d;
    diag_init(&d, &a);
    parse_migration(&a, &d, "fuzz.mig", (const char *)data, size);

    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    if (out) {
        diag_flush(&d, out);
        fclose(out);
    }
    free(text);
    arena_free(&a);
    return 0;
}
