/* The parser front door: lexer (grammar/lexer.l) and grammar
   (grammar/parser.y) turned into one call per file. */
#ifndef MIGC_PARSE_H
#define MIGC_PARSE_H

#include <stddef.h>

#include "arena.h"
#include "ast.h"
#include "diag.h"

/* Parses one .mig file. text need not be NUL-terminated; it is copied into
   the arena and registered with d (diag_add_source) so diagnostics can
   quote it. Syntax errors, unknown types and over-long names are reported
   through d; the parser recovers at the next statement and keeps going
   (at most 20 syntax errors per file). Never returns NULL: the migration
   holds whatever parsed. */
struct migration *parse_migration(struct arena *a, struct diag *d, const char *file,
                                  const char *text, size_t len);

#endif
