/* Diagnostics: every error and warning the compiler reports goes through
   this one sink, as gcc and clang print them:

     migrations/0004.mig:3:14: error: column "email" already exists in table "users"
         3 | add column email text;
           |            ^~~~~
     detail: Migration 0002_users.mig added it at line 7.
     hint: Use ALTER COLUMN to change its type.

   Diagnostics are collected and printed sorted by file, line and column
   (diag_flush), so errors found by different passes still read in source
   order. A finding about the project with no place in it (a loc with file
   NULL) sorts first and prints as "migc: error: ...". A command's own
   refusal, printed at once and not about the migrations' text (bad usage,
   a file it cannot read or write, a revision it cannot resolve), goes
   through cli_error (cli.h) instead. */
#ifndef MIGC_DIAG_H
#define MIGC_DIAG_H

#include <stdbool.h>
#include <stdio.h>

#include "arena.h"

/* A place in a source file. Lines and columns count from 1; len is the
   number of columns the caret covers (at least 1). A loc with file == NULL
   is "nowhere" (a diagnostic about the project as a whole). */
struct loc {
    const char *file;
    int line, col, len;
};

enum diag_severity { DIAG_ERROR, DIAG_WARNING };

struct diag_entry;

struct diag {
    struct arena *arena;
    struct vec sources;         /* struct diag_source *: registered files */
    struct vec entries;         /* struct diag_entry * */
    struct diag_entry *last;    /* what diag_detail/diag_hint attach to */
    int errors, warnings;
    bool werror;                /* -Werror: warnings count as errors */
    bool quiet_warnings;        /* collect warnings but do not print them */
    const void *line_cache;     /* diag.c's own: the source diag_source_line read last */
};

void diag_init(struct diag *d, struct arena *a);

/* Registers a file's text so that diagnostics can quote its lines. The
   text must outlive d (it normally lives in the arena). */
void diag_add_source(struct diag *d, const char *file, const char *text, size_t len);

/* Line `line` (from 1) of a registered file, without its line break;
   *len gets its length in bytes. NULL when the file was not registered or
   has no such line. The text is the registered text itself. The first
   call for a file indexes its lines, so reading every line of a file costs
   O(its size) in all. */
const char *diag_source_line(struct diag *d, const char *file, int line, size_t *len);

void diag_error(struct diag *d, struct loc loc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void diag_warning(struct diag *d, struct loc loc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Attach a full sentence of facts (detail) or advice (hint) to the last
   error or warning. A no-op when nothing was reported yet. */
void diag_detail(struct diag *d, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void diag_hint(struct diag *d, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* True when at least one error (or, with werror, warning) was reported. */
bool diag_failed(const struct diag *d);

/* Prints every collected diagnostic, sorted, to out, and forgets them.
   Identical diagnostics (same place and message) print once. */
void diag_flush(struct diag *d, FILE *out);

#endif
