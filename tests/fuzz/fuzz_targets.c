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

static const int p1[] = {0}; /* 001 */
static const int p3[] = {1, 2}; /* 002 003 */
static const int p4[] = {3}; /* 004 */
static const char *const l1[] = {"posts"};
static const char *const l5[] = {"main"};

static const struct migc_revision revisions[] = {
    {.id = "001", .message = "one", .file = "1.mig", .checksum = "1"},
    {.id = "002", .parents = p1, .nparents = 1, .labels = l1, .nlabels = 1, .message = "two",
     .file = "2.mig", .checksum = "2"},
    {.id = "003", .parents = p1, .nparents = 1, .message = "three", .file = "3.mig",
     .checksum = "3"},
    {.id = "004", .parents = p3, .nparents = 2, .message = "four", .file = "4.mig",
     .checksum = "4"},
    {.id = "005", .parents = p4, .nparents = 1, .labels = l5, .nlabels = 1, .message = "five",
     .file = "5.mig", .checksum = "5"},
};

static const int by_id[] = {0, 1, 2, 3, 4};

static const struct migc_project project = {
    .abi = MIGC_ABI_VERSION,
    .name = "fuzz-migrate",
    .migc_version = "0",
    .version_table = "migc_version",
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
