/* Private to the parser (grammar/lexer.l, grammar/parser.y, parse.c): the
   state one parse of one file carries. The scanner reaches it as yyextra,
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

    /* grammar */
    struct vec *block;         /* where statements of the open body go */
    struct vec scratch;        /* statements of a repeated body, discarded */
    struct stmt *stmt;         /* create/alter table being parsed */
    const char *header_first;  /* first header item seen, NULL when none yet */
    const char *body_first;    /* first body seen, NULL when none yet */
    int item_line[PARSE_ITEMS]; /* line of each header item / body seen, 0 = not yet */
};

/* Converts a span to a diagnostic location; a span over several lines
   underlines to the end of its first line. */
struct loc parse_loc(const struct parse_ctx *ctx, struct parse_span s);

/* Reports a syntax or lexical error and counts it. After PARSE_MAX_ERRORS
   it reports "too many errors, stopping" once and makes the scanner stop;
   later calls report nothing. */
void parse_syntax_error(struct parse_ctx *ctx, struct parse_span s, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
