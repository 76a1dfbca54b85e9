/* C emission: turns a compiled project into the C source of its
   migrator, data only (static const tables of the structs in the
   runtime's migc_migrator.h) plus a main() that calls migc_main. The
   data holds no pointers but the few of the project struct (text as
   offsets into one string table, lists and scripts as indexes), so a
   position-independent migrator has no relocation per migration. The
   output is deterministic (same input, same bytes: no timestamps, no
   absolute paths) and readable (each string with its offset, each list
   and script with its revision, each statement with its .mig place, in
   comments). */
#ifndef MIGC_EMIT_C_H
#define MIGC_EMIT_C_H

#include "arena.h"
#include "compile.h"

struct emit_options {
    const char *name;              /* shown by the migrator's --help/--version */
    const char *default_url;       /* NULL: none */
    const char *url_env;           /* default "DATABASE_URL" */
    const char *version_table;     /* default "migc_version" */
    const char *migc_version;
    const char *dir;               /* the migrations directory as given: file
                                      names in the output are relative to it */
    unsigned targets;              /* dialects to emit SQL for (dialect.h) */
    long statement_lock_timeout_ms; /* the migrator's default; 0: none */
};

/* Appends the whole C file to out. c must come from a compile_project
   that reported no error (every revision compiled). Never fails. */
void emit_c(struct arena *a, const struct compilation *c, const struct emit_options *o,
            struct strbuf *out);

/* A file name as the migrator shows it: relative to dir. Lives in a. */
const char *emit_c_relative(struct arena *a, const char *dir, const char *file);

#endif
