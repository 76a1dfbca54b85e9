/* The parser front door: lexer (grammar/lexer.l) and grammar
   (grammar/parser.y) turned into one call per file. */
#ifndef MIGC_PARSE_H
#define MIGC_PARSE_H

#include <stdbool.h>
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

/* Parses a declarative model file (migc revision --autogenerate): only
   create table, create index and create view statements, no header and no
   bodies. Syntax errors are reported as parse_migration reports them;
   any other statement is an error at its location. Returns the statements
   (struct stmt *) in written order in out; never fails as a whole. */
void parse_model(struct arena *a, struct diag *d, const char *file, const char *text,
                 size_t len, struct vec *out);

/* The control character that starts s (n bytes, n >= 1): a C0 code, DEL,
   or a C1 code written as UTF-8; 0 when s starts with anything else. Such
   characters are refused in messages: they could end a comment early
   wherever a message is printed. */
unsigned parse_control_char(const char *s, size_t n);

/* "a line break", "a tab", or "control character U+001B": how errors name
   a code parse_control_char returned. The text may live in a. */
const char *parse_control_name(struct arena *a, unsigned code);

/* ---- tokens, for the formatter ---------------------------------------- */

enum parse_token_kind {
    PTOK_WORD,         /* an unquoted word that is not a keyword (name, type, id) */
    PTOK_KEYWORD,      /* a word the language uses as a keyword */
    PTOK_QNAME,        /* "quoted name" */
    PTOK_STRING,       /* 'string' */
    PTOK_NUMBER,       /* 12, 1.5, or a digit-led word (3f2a...) */
    PTOK_DOLLAR,       /* $$ ... $$ */
    PTOK_PUNCT,        /* ( ) { } ; , and operators */
    PTOK_COMMENT,      /* -- to end of line, or a block comment */
};

struct parse_token {
    enum parse_token_kind kind;
    const char *text;          /* the token's source text, verbatim (arena) */
    int line, col;             /* where it starts */
    int end_line;              /* the line it ends on */
};

/* Splits text into tokens (struct parse_token *, appended to out), with
   comments kept, using the parser's own scanner. Lexical errors
   (unterminated strings or comments, stray characters) are reported
   through d; returns false when there was one. */
bool parse_tokens(struct arena *a, struct diag *d, const char *file, const char *text,
                  size_t len, struct vec *out);

#endif
