/* Private to the parser (grammar/lexer.l, grammar/parser.y, parse.c,
   parse_check.c): the state one parse of one file carries. The scanner reaches it as yyextra,
   the grammar as its ctx parameter; nothing lives in globals. Everything
   it points to lives in the compiler's arena. */
#ifndef MIGC_PARSE_CTX_H
#define MIGC_PARSE_CTX_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "ast.h"
#include "diag.h"

/* The grammar's location type (YYLTYPE): lines and columns count from 1,
   last_column is one past the last character; the byte offsets let the
   error reporter quote a token's text. */
struct parse_span {
    int first_line, first_column, last_line, last_column;
    int first_off, last_off;
};

/* An open bracket, so that an unclosed one can be named at end of file. */
struct parse_bracket {
    char ch;
    int line;
};

/* A dollar-quoted body as the scanner hands it over. */
struct parse_body {
    const char *text;
    struct loc loc;            /* where the body starts */
};

/* Header items and bodies, each allowed once per file. */
enum parse_item {
    ITEM_REVISION, ITEM_REVISES, ITEM_MESSAGE, ITEM_CREATED, ITEM_BRANCH,
    ITEM_DEPENDS, ITEM_TRANSACTION, ITEM_UPGRADE, ITEM_DOWNGRADE,
    PARSE_ITEMS
};

/* A header item or the opening of a body, as written. */
struct parse_item_node {
    enum parse_item item;
    struct loc loc;            /* its keyword */
    struct loc span;           /* the whole item (revises, transaction) or its value
                                  (message, created) */
    const struct ident *id;    /* revision */
    const struct vec *list;    /* struct ident *: revises, branch, depends on */
    const char *text;          /* message, created */
    bool irreversible;         /* downgrade irreversible */
};

/* A type as written; parse_check resolves it into type and copies that
   to *into, the column or action that uses it (NULL when error recovery
   dropped that). */
struct parse_type {
    const char *name;          /* lower-cased */
    struct loc name_loc, loc;
    const char **params;
    struct loc *param_locs;
    int nparams;
    const char *native;        /* native 'TEXT': the text (name is "native") */
    int array_dims;            /* number of [] written after the type */
    struct loc array_loc;      /* the brackets */
    struct type type;
    struct type *into;
};

/* A column constraint as written, before the column is built. */
enum parse_colcon_kind { CC_NOT_NULL, CC_NULL, CC_IDENTITY, CC_DEFAULT, CC_CONSTRAINT };

struct parse_colcon {
    enum parse_colcon_kind kind;
    const struct expr *dflt;
    struct constraint_def *con;
    struct loc loc;
};

/* A column and the constraints it was written with. */
struct parse_column {
    const struct column_def *col;
    const struct vec *colcons; /* struct parse_colcon * */
};

/* The on delete / on update clauses of a foreign key: the last of each
   counts; written keeps each (struct parse_fk_action *) for parse_check. */
struct parse_fkacts {
    enum fk_action on_delete, on_update;
    struct vec written;
};

struct parse_fk_action {
    bool on_delete;
    struct loc loc;            /* its "on" */
};

/* What the grammar built that parse_check looks at. Error recovery drops
   nodes from the tree but not from ctx->nodes, so the parts of a broken
   statement are still checked, as they were written. */
enum parse_node_kind {
    PNODE_NAME,                /* struct ident: an SQL name */
    PNODE_REVID,               /* struct ident: a revision id */
    PNODE_LABEL,               /* struct ident: a branch label */
    PNODE_TYPE,                /* struct parse_type */
    PNODE_HEAD,                /* struct stmt: create table, alter table or create
                                  index, once its head is read */
    PNODE_COLUMN,              /* struct parse_column */
    PNODE_FKACTS,              /* struct parse_fkacts */
    PNODE_INSERT,              /* struct stmt */
    PNODE_ITEM,                /* struct parse_item_node */
    PNODE_STMT,                /* struct stmt: a statement its body kept */
};

struct parse_node {
    enum parse_node_kind kind;
    void *p;
};

/* The token the scanner returns for a comment when keep_comments is set;
   outside the range of the grammar's tokens. */
#define PARSE_TOKEN_COMMENT 0x7ffe

/* A syntax error count above this stops the parse of a file. */
#define PARSE_MAX_ERRORS 20

struct parse_ctx {
    struct arena *arena;
    struct diag *diag;
    const char *file;
    const char *src;           /* the file's text, NUL-terminated, in the arena */
    size_t len;
    struct migration *mig;

    /* scanner */
    int line, col, off;        /* where the next character is */
    struct parse_span open;    /* opening token of a string/comment/dollar quote */
    int comment_depth;
    const char *dollar_tag;    /* "$tag$" of the open dollar quote */
    struct vec brackets;       /* struct parse_bracket *: unclosed ( and { */
    struct parse_span last;    /* the last token returned, for end of file */

    /* one token of lookahead, to tell NOT IN / NOT LIKE / NOT BETWEEN apart */
    bool has_peek;
    int peek_tok;
    void *peek_val;            /* YYSTYPE, allocated in the arena */
    struct parse_span peek_loc;

    int recent[3];             /* the last tokens returned, newest first, for hints */
    int default_depth;         /* brackets open at the last "default", -1 when past it */

    /* Token mode (parse_tokens): the scanner returns comments as
       PARSE_TOKEN_COMMENT instead of skipping them. Never set for the
       grammar, which would reject the token. */
    bool keep_comments;

    int errors;                /* syntax and lexical errors in this file */
    bool stopped;              /* too many errors, or an unterminated token ate the
                                  rest: the scanner returns end of file */

    /* grammar: what it built, for parse_check */
    struct vec nodes;          /* struct parse_node *, in the order built */
    struct arena scratch;      /* the nodes and what only the parse and parse_check
                                  read; freed once the file is parsed */
};

/* Converts a span to a diagnostic location; a span over several lines
   underlines to the end of its first line. */
struct loc parse_loc(const struct parse_ctx *ctx, struct parse_span s);

/* Reports a syntax or lexical error and counts it. After PARSE_MAX_ERRORS
   it reports "too many errors, stopping" once and makes the scanner stop;
   later calls report nothing. */
void parse_syntax_error(struct parse_ctx *ctx, struct parse_span s, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Appends a node to ctx->nodes (in ctx->scratch). */
void parse_node_add(struct parse_ctx *ctx, enum parse_node_kind kind, void *p);

/* The last create table, alter table or create index head built, or
   NULL; the syntax error hints ask what statement they are in. */
const struct stmt *parse_last_head(const struct parse_ctx *ctx);

/* True once a header item or body has been read. */
bool parse_seen_item(const struct parse_ctx *ctx);

/* The checks that need nothing but the file itself (parse_check.c), run
   over ctx->nodes once the grammar is done: names and revision ids, header
   order and repetition, the created date, types, column constraints that
   conflict, repeated foreign key actions, insert row arity. Fills in what
   the checks decide: the migration's header fields and bodies (a repeated
   item is ignored), resolved types. Reports through ctx->diag. */
void parse_check(struct parse_ctx *ctx);

#endif
