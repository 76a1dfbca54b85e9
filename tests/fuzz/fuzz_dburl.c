/* libFuzzer target for the database URL parser: every input is a URL,
   parsed (dburl_parse) and shown with its password hidden
   (dburl_display), which must hold no reading of the password four
   characters or longer; the error for a URL that does not parse must
   not quote it (checked for the marker S3cr3tPw). Built by
   tests/fuzz/run.sh. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "migrator.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const struct migc_project project = {.abi = MIGC_ABI_VERSION, .strings = "\0fuzz",
                                                .name = 1};
    struct rt rt = {0};
    rt.p = &project;
    char *url = rt_alloc(&rt, size + 1);
    memcpy(url, data, size);
    struct dburl u;
    struct migc_err e;
    if (dburl_parse(&rt, url, "fuzz", &u, &e) == 0) {
        const char *shown = dburl_display(&rt, url);
        for (int i = 0; i < u.nsecrets; i++)
            if (strlen(u.secrets[i]) >= 4 && strstr(shown, u.secrets[i])) {
                fprintf(stderr, "password \"%s\" shown in \"%s\"\n", u.secrets[i], shown);
                abort();
            }
    } else if (strstr(url, "S3cr3tPw") && (strstr(e.msg, "S3cr3tPw") || strstr(e.hint, "S3cr3tPw"))) {
        /* The messages' own words never hold the marker: it came from the URL. */
        fprintf(stderr, "an unparsable URL is echoed: %s\n", e.msg);
        abort();
    }
    rt_free(&rt);
    return 0;
}
