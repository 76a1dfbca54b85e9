/* The front door of the Python reader (grammar/py_lexer.l,
   grammar/py_parser.y): one call per Alembic revision file. */
#ifndef MIGC_PY_PARSE_H
#define MIGC_PY_PARSE_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "diag.h"
#include "py_ast.h"

/* Parses text (len bytes, need not be NUL-terminated) as a Python module;
   the text is copied into a and registered with d for quoting. A
   statement the subset cannot follow becomes PYS_OTHER, not an error.
   Lexical errors (an unterminated string, a stray character, a dedent to
   no enclosing level) and syntax errors the parser cannot recover from
   are reported through d at file:line:col; the result is then NULL. */
struct py_module *py_parse(struct arena *a, struct diag *d, const char *file, const char *text,
                           size_t len);

/* ---- internals shared by the scanner, the grammar and py_parse.c ---- */

/* The grammar's location type: lines and columns count from 1,
   last_column is one past the last character. */
struct py_span {
    int first_line, first_column, last_line, last_column;
};

struct py_ctx {
    struct arena *arena;
    struct diag *diag;
    const char *file;
    const char *src;
    size_t len;
    struct py_module *mod;

    /* scanner */
    int line, col;              /* where the next character is */
    int depth;                  /* open brackets: newlines inside do not count */
    struct py_span brackets[64]; /* where the innermost open brackets are */
    char bracket_chars[64];
    bool line_has_token;        /* a token was seen on this logical line */
    struct py_span open;        /* opening quote of a long string */
    const char *open_quote;     /* ''' or """ of the open long string */
    int open_start;             /* byte offset of the long string's prefix */
    int off;                    /* byte offset of the next character */
    bool failed;                /* a lexical error was reported */

    /* indentation, kept by py_parse.c's token filter */
    int indents[100];
    int nindents;
    int pending_dedents;
    bool at_line_start;
    bool eof_newline_sent;
    bool has_peek;
    int peek_tok;
    void *peek_val;             /* YYSTYPE (arena) */
    struct py_span peek_loc;
    struct py_span last_newline;

    /* the parser's first syntax error, held until a recovery rule turns
       the statement into PYS_OTHER (then forgotten) */
    bool pending_error;
    struct py_span pending_loc;
    const char *pending_msg;
};

struct loc py_loc(const struct py_ctx *ctx, struct py_span s);
void py_lex_error(struct py_ctx *ctx, struct py_span s, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* The value of a string literal's source text (prefix and quotes
   included): escapes undone unless raw. Sets *bytes / *fstring by its
   prefix. */
const char *py_string_value(struct arena *a, const char *raw, size_t len, bool *bytes,
                            bool *fstring);

#endif
