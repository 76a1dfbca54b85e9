/* libFuzzer target for target resolution (the plans of upgrade,
   downgrade, stamp, offline ranges and history ranges): every input is a
   target word (+N, REV-N, LABEL@head, a prefix, ...) resolved against a
   small static graph: 001 -> {002 (branch "posts"), 003} -> 004 (merge)
   -> 005. The first byte picks the database's applied revisions (one bit
   each), the second whether the word is for upgrade or downgrade. Each
   run builds the graph afresh and frees it, so that LeakSanitizer sees
   anything the resolution keeps. Built by tests/fuzz/run.sh. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "migrator.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The string table: each string after a NUL, at the offset in its
   comment (offset 0 is "none"). */
static const char strings[] = "\0"       /* 0 */
                              "001\0"     /* 1 */
                              "002\0"     /* 5 */
                              "003\0"     /* 9 */
                              "004\0"     /* 13 */
                              "005\0"     /* 17 */
                              "posts\0"   /* 21 */
                              "main\0"    /* 27 */
                              "fuzz-migrate\0" /* 32 */
                              "migc_version\0"; /* 45 */

static const int lists[] = {
    /* 0: parents of 002, 003 */ 0,
    /* 1: parents of 004 */ 1, 2,
    /* 3: parents of 005 */ 3,
    /* 4: labels of 002 */ 21,
    /* 5: labels of 005 */ 27,
};

/* Message, file and checksum do not matter to target resolution: the id
   stands in for them. */
static const struct migc_revision revisions[] = {
    {.id = 1, .message = 1, .file = 1, .checksum = 1},
    {.id = 5, .parents = 0, .nparents = 1, .labels = 4, .nlabels = 1, .message = 5, .file = 5,
     .checksum = 5},
    {.id = 9, .parents = 0, .nparents = 1, .message = 9, .file = 9, .checksum = 9},
    {.id = 13, .parents = 1, .nparents = 2, .message = 13, .file = 13, .checksum = 13},
    {.id = 17, .parents = 3, .nparents = 1, .labels = 5, .nlabels = 1, .message = 17, .file = 17,
     .checksum = 17},
};

static const int by_id[] = {0, 1, 2, 3, 4};

static const struct migc_project project = {
    .abi = MIGC_ABI_VERSION,
    .strings = strings,
    .lists = lists,
    .name = 32,
    .migc_version = 1,
    .version_table = 45,
    .dialects = 1u << MIGC_SQLITE,
    .revisions = revisions,
    .nrevisions = 5,
    .by_id = by_id,
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    struct rt rt = {0};
    rt.p = &project;
    rt.prog = "fuzz";
    struct migc_err e = {0};
    if (revgraph_init(&rt, &e) == 0) {
        unsigned char *applied = rt_alloc(&rt, (size_t)rt.n + 1);
        for (int i = 0; i < rt.n; i++)
            if (data[0] & (1u << i))
                revgraph_ancestors(&rt, i, applied);
        int *current = rt_alloc(&rt, sizeof(int) * (size_t)(rt.n + 1));
        int ncurrent = revgraph_heads_of(&rt, applied, current);
        char *word = rt_alloc(&rt, size - 1);
        memcpy(word, data + 2, size - 2);
        bool up = data[1] & 1;
        unsigned char *set = rt_alloc(&rt, (size_t)rt.n + 1);
        int *order = rt_alloc(&rt, sizeof(int) * (size_t)(rt.n + 1)), norder;
        if ((up ? plan_upgrade(&rt, word, current, ncurrent, set, &e)
                : plan_downgrade(&rt, word, current, ncurrent, set, &e)) == 0)
            plan_check_rows(&rt, word, current, ncurrent, set, up, order, &norder, &e);
        int *rows = rt_alloc(&rt, sizeof(int) * (size_t)(rt.n + 1)), nrows;
        plan_stamp(&rt, word, current, ncurrent, rows, &nrows, &e);
        /* The word as an offline range FROM:TO and as history's START:END. */
        plan_offline(&rt, word, up, rows, &nrows, order, &norder, &e);
        char *colon = strchr(word, ':');
        if (colon) {
            *colon = '\0';
            plan_history(&rt, *word ? word : "base", colon[1] ? colon + 1 : "heads", set, &e);
        }
    }
    rt_free(&rt);
    return 0;
}
