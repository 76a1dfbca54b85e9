/* The .mig formatter (migc fmt, and the files migc revision and merge
   write): rewrites a file in one canonical layout, keeping every comment.

   The layout: the header one item per line, a blank line before each
   body, statements indented by 4 spaces, one statement per line group
   (create table one element per line with names and types aligned;
   alter table with several actions and insert with several rows one
   action or row per line), lower-case keywords and names (quoted names,
   strings, revision ids and dollar-quoted bodies as written), a single
   blank line kept where the author left one or more between statements.

   It works on the scanner's tokens, so it only changes layout: the result
   parses back to the same migration (same checksum, same header and
   downgrade), and formatting it again changes nothing. Both are verified
   on every call; a file for which either would fail is not formatted. */
#ifndef MIGC_FMT_H
#define MIGC_FMT_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "diag.h"

/* Formats one file's text: a migration, or with model set a declarative
   model (statements only; see parse_model). Returns the formatted text
   (in a, ending with one newline), or NULL after reporting through d when
   the text does not parse (the parser's errors) or when the formatted
   text would not parse back to the same migration or would not be stable
   (an error at the file, which is a bug in the formatter). */
const char *fmt_text(struct arena *a, struct diag *d, const char *file, const char *text,
                     size_t len, bool model);

/* A string describing everything a migration means (checksum's canonical
   form, message, created, branch labels, transaction, downgrade), or of
   a model's statements: two texts with equal meanings parse to the same
   migration. Lives in a. Returns NULL when the text does not
   parse (errors go to d). Used by the formatter's self-check and tests. */
const char *fmt_meaning(struct arena *a, struct diag *d, const char *file, const char *text,
                        size_t len, bool model);

#endif
