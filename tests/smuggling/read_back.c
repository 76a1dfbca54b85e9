/* Compiled by hostile_paths.sh around the C that migc emit-c generated
   (GENERATED names it): prints, in hex, one per line, what the migrator
   would read back for every revision: its id, message and file, then the
   file of each statement of each script. The test compares these bytes
   with the names it gave the files. */
#include <stdio.h>

#define main migc_generated_main
#include GENERATED
#undef main

int migc_main(const struct migc_project *p, int argc, char **argv)
{
    (void)p, (void)argc, (void)argv;
    return 0;
}

static void put(const char *what, const char *s)
{
    printf("%s ", what);
    for (; *s; s++)
        printf("%02x", (unsigned char)*s);
    putchar('\n');
}

int main(void)
{
    for (int i = 0; i < project.nrevisions; i++) {
        const struct migc_revision *r = &project.revisions[i];
        put("id", migc_string(&project, r->id));
        put("message", migc_string(&project, r->message));
        put("file", migc_string(&project, r->file));
        for (int d = 0; d < MIGC_NDIALECTS; d++)
            for (int k = 0; k < r->upgrade[d].n; k++)
                put("stmt",
                    migc_string(&project, migc_script_stmts(&project, &r->upgrade[d])[k].file));
    }
    return 0;
}
