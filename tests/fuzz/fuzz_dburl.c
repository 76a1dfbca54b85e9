/* libFuzzer target for the database URL parser: every input is a URL,
   parsed (dburl_parse) and shown with its password hidden
   (dburl_display). Built by tests/fuzz/run.sh. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "migrator.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const struct migc_project project = {.abi = MIGC_ABI_VERSION, .name = "fuzz"};
    struct rt rt = {0};
    rt.p = &project;
    char *url = rt_alloc(&rt, size + 1);
    memcpy(url, data, size);
    struct dburl u;
    struct migc_err e;
    dburl_parse(&rt, url, &u, &e);
    dburl_display(&rt, url);
    rt_free(&rt);
    return 0;
}
