/* libFuzzer target for the .env parser (dotenv_parse): every input is
   the text of a .env file, looked up for DATABASE_URL and for a one-letter
   key. Built by tests/fuzz/run.sh. */
#include <stddef.h>
#include <stdint.h>

#include "migrator.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const struct migc_project project = {.abi = MIGC_ABI_VERSION, .strings = "\0fuzz",
                                                .name = 1};
    struct rt rt = {0};
    rt.p = &project;
    const char *value;
    int line;
    struct migc_err e;
    dotenv_parse(&rt, ".env", (const char *)data, size, "DATABASE_URL", &value, &line, &e);
    dotenv_parse(&rt, ".env", (const char *)data, size, "A", &value, &line, &e);
    rt_free(&rt);
    return 0;
}
