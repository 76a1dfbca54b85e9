/* The syntax tree of the Python subset that Alembic revision files are
   written in (grammar/py_lexer.l, grammar/py_parser.y), as py_parse
   builds it. Nothing here is ever executed: the tree only records what
   the file says, so that alembic.c can map it to .mig statements. Every
   node lives in the arena of the parse and is immutable afterwards. */
#ifndef MIGC_PY_AST_H
#define MIGC_PY_AST_H

#include <stdbool.h>

#include "arena.h"
#include "diag.h"

enum py_expr_kind {
    PY_NAME,        /* text: the identifier */
    PY_STR,         /* text: the value, prefixes, quotes and escapes undone;
                       implicit concatenation already joined */
    PY_NUM,         /* text: as written */
    PY_NONE, PY_TRUE, PY_FALSE, PY_ELLIPSIS,
    PY_LIST,        /* items: elements */
    PY_TUPLE,       /* items: elements */
    PY_DICT,        /* items: key, value, key, value, ... */
    PY_ATTR,        /* base.text */
    PY_CALL,        /* base(items), items being struct py_arg * */
    PY_SUBSCRIPT,   /* base[items[0]] */
    PY_UNARY,       /* text: "-", "+", "~" or "not"; items[0] */
    PY_BINARY,      /* items[0] text items[1]; text: "+", "==", "and", "not in", ... */
};

struct py_expr {
    enum py_expr_kind kind;
    const char *text;
    const struct py_expr *base;
    struct vec items;           /* struct py_expr *, or struct py_arg * for a call */
    bool bytes, fstring;        /* PY_STR: a b'' or an f'' literal took part */
    struct loc loc;
};

/* One argument of a call: positional (kw NULL), keyword (kw the name), or
   unpacked (kw "*" or "**"). */
struct py_arg {
    const char *kw;
    const struct py_expr *value;
    struct loc loc;
};

enum py_stmt_kind {
    PYS_EXPR,       /* value */
    PYS_ASSIGN,     /* target = value (also target: annotation = value) */
    PYS_DEF,        /* def name(...): body; decorated when decorators were written */
    PYS_WITH,       /* with value as target: body (target NULL without "as") */
    PYS_IF,         /* if value: body else: orelse (elif is an if in orelse) */
    PYS_IMPORT,     /* import / from ... import: recorded, never followed */
    PYS_PASS,       /* pass, or an annotation without a value */
    PYS_OTHER,      /* a statement the subset cannot follow (a loop, a try,
                       a comprehension, ...): only its lines are known */
};

struct py_stmt {
    enum py_stmt_kind kind;
    const char *name;           /* PYS_DEF */
    bool decorated;
    const struct py_expr *target;
    const struct py_expr *value;
    struct vec body;            /* struct py_stmt * */
    struct vec orelse;          /* struct py_stmt * */
    int first_line, last_line;  /* the lines the statement spans, suite included */
    struct loc loc;
};

struct py_module {
    const char *file;
    const char *src;            /* the text, NUL-terminated, in the arena */
    struct vec body;            /* struct py_stmt * */
};

#endif
