/* The grammar of the Python subset Alembic revision files use: module
   assignments, imports, decorated defs, with, if/elif/else, calls with
   keyword arguments, attribute access, subscripts, literals (strings in
   every quoting form, joined when adjacent), lists, tuples, dicts and the
   usual operators. It builds py_ast.h into ctx's arena.

   Everything else Python has (loops, try, class, lambda, comprehensions,
   augmented assignment, ...) is not a syntax error: the statement that
   holds it, with its suite, becomes PYS_OTHER through the error rules
   below, so that the converter can keep it as a comment and say so. The
   syntax error the parser saw is reported only when no statement can be
   recovered (py_parse.c). */

%define api.pure full
%define api.prefix {py}
%define parse.error verbose
%locations
%expect 0
%parse-param {yyscan_t scanner} {struct py_ctx *ctx}
%lex-param {yyscan_t scanner} {struct py_ctx *ctx}

%code requires {
#include "py_parse.h"

typedef struct py_span PYLTYPE;
#define PYLTYPE_IS_DECLARED 1

#ifndef YY_TYPEDEF_YY_SCANNER_T
#define YY_TYPEDEF_YY_SCANNER_T
typedef void *yyscan_t;
#endif

#define YYLLOC_DEFAULT(Cur, Rhs, N)                                      \
    do {                                                                 \
        if (N) {                                                         \
            (Cur).first_line = YYRHSLOC(Rhs, 1).first_line;              \
            (Cur).first_column = YYRHSLOC(Rhs, 1).first_column;          \
            (Cur).last_line = YYRHSLOC(Rhs, N).last_line;                \
            (Cur).last_column = YYRHSLOC(Rhs, N).last_column;            \
        } else {                                                         \
            (Cur).first_line = (Cur).last_line = YYRHSLOC(Rhs, 0).last_line;       \
            (Cur).first_column = (Cur).last_column = YYRHSLOC(Rhs, 0).last_column; \
        }                                                                \
    } while (0)
}

%union {
    const char *str;
    struct py_expr *expr;
    struct py_stmt *stmt;
    struct py_arg *arg;
    struct vec *list;
}

%code {
#include <string.h>

int pylex(PYSTYPE *val, PYLTYPE *loc, yyscan_t scanner, struct py_ctx *ctx);
static void pyerror(PYLTYPE *loc, yyscan_t scanner, struct py_ctx *ctx, const char *msg);

#define LOC(span) py_loc(ctx, (span))

static struct vec *mk_list(struct py_ctx *ctx, void *first);
static void append(struct py_ctx *ctx, struct vec *to, const struct vec *from);
static struct py_arg *mk_arg(struct py_ctx *ctx, const char *kw, struct py_expr *value,
                             PYLTYPE at);
static struct py_expr *mk_expr(struct py_ctx *ctx, enum py_expr_kind kind, const char *text,
                               PYLTYPE at);
static struct py_expr *mk_op(struct py_ctx *ctx, enum py_expr_kind kind, const char *op,
                             struct py_expr *l, struct py_expr *r, PYLTYPE at);
static struct py_expr *mk_seq(struct py_ctx *ctx, enum py_expr_kind kind, struct vec *items,
                              PYLTYPE at);
static struct py_expr *mk_string(struct py_ctx *ctx, struct py_expr *prev, const char *raw,
                                 PYLTYPE at);
static struct py_stmt *mk_stmt(struct py_ctx *ctx, enum py_stmt_kind kind, PYLTYPE at);
static struct py_stmt *mk_other(struct py_ctx *ctx, PYLTYPE at);
}

%token <str> NAME "name" STRING "string" NUMBER "number"
%token NEWLINE "end of line" INDENT "indent" DEDENT "dedent"
%token DEF "def" WITH "with" AS "as" IF "if" ELIF "elif" ELSE "else"
%token IMPORT "import" FROM "from" PASS "pass"
%token NONE "None" TRUE "True" FALSE "False"
%token AND "and" OR "or" NOT "not" NOTIN "not in" IN "in" IS "is" ISNOT "is not"
%token RESERVED "keyword"
%token EQ "==" NE "!=" LE "<=" GE ">=" ARROW "->" POW "**" FLOORDIV "//"
%token ELLIPSIS "..." OTHEROP "operator"

%left OR
%left AND
%precedence NOT
%nonassoc EQ NE '<' '>' LE GE IN NOTIN IS ISNOT
%left '|'
%left '^'
%left '&'
%left '+' '-'
%left '*' '/' '%' FLOORDIV '@'
%precedence UMINUS
%right POW

%type <expr> expr postfix atom strings testlist dotted
%type <list> stmt stmts items items_opt dict_items dict_items_opt args args_opt else_part
%type <list> simple_list suite
%type <arg> arg
%type <stmt> simple compound funcdef with_stmt if_stmt

%%

module:
    %empty
  | module stmt            { append(ctx, &ctx->mod->body, $2); }
  ;

stmts:
    stmt
  | stmts stmt             { $$ = $1; append(ctx, $$, $2); }
  ;

stmt:
    simple_list NEWLINE
  | compound                               { $$ = mk_list(ctx, $1); }
  | error NEWLINE                          { $$ = mk_list(ctx, mk_other(ctx, @$)); yyerrok; }
  | error NEWLINE INDENT stmts DEDENT      { $$ = mk_list(ctx, mk_other(ctx, @$)); yyerrok; }
  ;

simple_list:
    simple                 { $$ = mk_list(ctx, $1); }
  | simple ';'             { $$ = mk_list(ctx, $1); }
  | simple ';' simple_list { $$ = mk_list(ctx, $1); append(ctx, $$, $3); }
  ;

simple:
    testlist               { $$ = mk_stmt(ctx, PYS_EXPR, @$); $$->value = $1; }
  | testlist '=' testlist  { $$ = mk_stmt(ctx, PYS_ASSIGN, @$); $$->target = $1; $$->value = $3; }
  | expr ':' expr '=' testlist
                           { $$ = mk_stmt(ctx, PYS_ASSIGN, @$); $$->target = $1; $$->value = $5; }
  | expr ':' expr          { $$ = mk_stmt(ctx, PYS_PASS, @$); }
  | PASS                   { $$ = mk_stmt(ctx, PYS_PASS, @$); }
  | IMPORT import_names    { $$ = mk_stmt(ctx, PYS_IMPORT, @$); }
  | FROM from_module IMPORT import_list
                           { $$ = mk_stmt(ctx, PYS_IMPORT, @$); }
  ;

dotted:
    NAME                   { $$ = mk_expr(ctx, PY_NAME, $1, @$); }
  | dotted '.' NAME        { $$ = mk_expr(ctx, PY_ATTR, $3, @$); $$->base = $1; }
  ;

dotted_as:
    dotted
  | dotted AS NAME
  ;

import_names:
    dotted_as
  | import_names ',' dotted_as
  ;

from_module:
    dotted
  | dots
  | dots dotted
  ;

dots:
    '.'
  | ELLIPSIS
  | dots '.'
  | dots ELLIPSIS
  ;

import_list:
    '*'
  | name_as_list
  | '(' name_as_list ')'
  | '(' name_as_list ',' ')'
  ;

name_as_list:
    NAME
  | NAME AS NAME
  | name_as_list ',' NAME
  | name_as_list ',' NAME AS NAME
  ;

compound:
    funcdef
  | decorators funcdef     { $$ = $2; $$->decorated = true; $$->first_line = @1.first_line; }
  | with_stmt
  | if_stmt
  ;

decorators:
    '@' expr NEWLINE
  | decorators '@' expr NEWLINE
  ;

funcdef:
    DEF NAME '(' params_opt ')' returns ':' suite
        { $$ = mk_stmt(ctx, PYS_DEF, @$); $$->name = $2; $$->body = *$8; }
  ;

returns:
    %empty
  | ARROW expr
  ;

params_opt:
    %empty
  | params
  | params ','
  ;

params:
    param
  | params ',' param
  ;

param:
    NAME
  | NAME '=' expr
  | NAME ':' expr
  | NAME ':' expr '=' expr
  | '*'
  | '*' NAME
  | POW NAME
  | '/'
  ;

with_stmt:
    WITH expr ':' suite
        { $$ = mk_stmt(ctx, PYS_WITH, @$); $$->value = $2; $$->body = *$4; }
  | WITH expr AS expr ':' suite
        { $$ = mk_stmt(ctx, PYS_WITH, @$); $$->value = $2; $$->target = $4; $$->body = *$6; }
  ;

if_stmt:
    IF expr ':' suite else_part
        {
            $$ = mk_stmt(ctx, PYS_IF, @$);
            $$->value = $2;
            $$->body = *$4;
            if ($5)
                $$->orelse = *$5;
        }
  ;

else_part:
    %empty                 { $$ = NULL; }
  | ELSE ':' suite         { $$ = $3; }
  | ELIF expr ':' suite else_part
        {
            struct py_stmt *s = mk_stmt(ctx, PYS_IF, @$);
            s->value = $2;
            s->body = *$4;
            if ($5)
                s->orelse = *$5;
            $$ = mk_list(ctx, s);
        }
  ;

suite:
    simple_list NEWLINE    { $$ = $1; }
  | NEWLINE INDENT stmts DEDENT { $$ = $3; }
  ;

testlist:
    expr
  | expr ','               { $$ = mk_seq(ctx, PY_TUPLE, mk_list(ctx, $1), @$); }
  | expr ',' items         { struct vec *v = mk_list(ctx, $1);
                             append(ctx, v, $3);
                             $$ = mk_seq(ctx, PY_TUPLE, v, @$); }
  | expr ',' items ','     { struct vec *v = mk_list(ctx, $1);
                             append(ctx, v, $3);
                             $$ = mk_seq(ctx, PY_TUPLE, v, @$); }
  ;

expr:
    postfix
  | expr OR expr           { $$ = mk_op(ctx, PY_BINARY, "or", $1, $3, @$); }
  | expr AND expr          { $$ = mk_op(ctx, PY_BINARY, "and", $1, $3, @$); }
  | NOT expr               { $$ = mk_op(ctx, PY_UNARY, "not", $2, NULL, @$); }
  | expr EQ expr           { $$ = mk_op(ctx, PY_BINARY, "==", $1, $3, @$); }
  | expr NE expr           { $$ = mk_op(ctx, PY_BINARY, "!=", $1, $3, @$); }
  | expr '<' expr          { $$ = mk_op(ctx, PY_BINARY, "<", $1, $3, @$); }
  | expr '>' expr          { $$ = mk_op(ctx, PY_BINARY, ">", $1, $3, @$); }
  | expr LE expr           { $$ = mk_op(ctx, PY_BINARY, "<=", $1, $3, @$); }
  | expr GE expr           { $$ = mk_op(ctx, PY_BINARY, ">=", $1, $3, @$); }
  | expr IN expr           { $$ = mk_op(ctx, PY_BINARY, "in", $1, $3, @$); }
  | expr NOTIN expr        { $$ = mk_op(ctx, PY_BINARY, "not in", $1, $3, @$); }
  | expr IS expr           { $$ = mk_op(ctx, PY_BINARY, "is", $1, $3, @$); }
  | expr ISNOT expr        { $$ = mk_op(ctx, PY_BINARY, "is not", $1, $3, @$); }
  | expr '|' expr          { $$ = mk_op(ctx, PY_BINARY, "|", $1, $3, @$); }
  | expr '^' expr          { $$ = mk_op(ctx, PY_BINARY, "^", $1, $3, @$); }
  | expr '&' expr          { $$ = mk_op(ctx, PY_BINARY, "&", $1, $3, @$); }
  | expr '+' expr          { $$ = mk_op(ctx, PY_BINARY, "+", $1, $3, @$); }
  | expr '-' expr          { $$ = mk_op(ctx, PY_BINARY, "-", $1, $3, @$); }
  | expr '*' expr          { $$ = mk_op(ctx, PY_BINARY, "*", $1, $3, @$); }
  | expr '/' expr          { $$ = mk_op(ctx, PY_BINARY, "/", $1, $3, @$); }
  | expr '%' expr          { $$ = mk_op(ctx, PY_BINARY, "%", $1, $3, @$); }
  | expr '@' expr          { $$ = mk_op(ctx, PY_BINARY, "@", $1, $3, @$); }
  | expr FLOORDIV expr     { $$ = mk_op(ctx, PY_BINARY, "//", $1, $3, @$); }
  | expr POW expr          { $$ = mk_op(ctx, PY_BINARY, "**", $1, $3, @$); }
  | '-' expr %prec UMINUS  { $$ = mk_op(ctx, PY_UNARY, "-", $2, NULL, @$); }
  | '+' expr %prec UMINUS  { $$ = mk_op(ctx, PY_UNARY, "+", $2, NULL, @$); }
  | '~' expr %prec UMINUS  { $$ = mk_op(ctx, PY_UNARY, "~", $2, NULL, @$); }
  ;

postfix:
    atom
  | postfix '.' NAME       { $$ = mk_expr(ctx, PY_ATTR, $3, @$); $$->base = $1; }
  | postfix '(' args_opt ')'
                           { $$ = mk_expr(ctx, PY_CALL, NULL, @$); $$->base = $1;
                             if ($3) $$->items = *$3; }
  | postfix '[' testlist ']'
                           { $$ = mk_expr(ctx, PY_SUBSCRIPT, NULL, @$); $$->base = $1;
                             vec_push(ctx->arena, &$$->items, $3); }
  ;

atom:
    NAME                   { $$ = mk_expr(ctx, PY_NAME, $1, @$); }
  | NUMBER                 { $$ = mk_expr(ctx, PY_NUM, $1, @$); }
  | strings
  | NONE                   { $$ = mk_expr(ctx, PY_NONE, NULL, @$); }
  | TRUE                   { $$ = mk_expr(ctx, PY_TRUE, NULL, @$); }
  | FALSE                  { $$ = mk_expr(ctx, PY_FALSE, NULL, @$); }
  | ELLIPSIS               { $$ = mk_expr(ctx, PY_ELLIPSIS, NULL, @$); }
  | '(' ')'                { $$ = mk_seq(ctx, PY_TUPLE, NULL, @$); }
  | '(' testlist ')'       { $$ = $2; }
  | '[' items_opt ']'      { $$ = mk_seq(ctx, PY_LIST, $2, @$); }
  | '{' dict_items_opt '}' { $$ = mk_seq(ctx, PY_DICT, $2, @$); }
  ;

strings:
    STRING                 { $$ = mk_string(ctx, NULL, $1, @$); }
  | strings STRING         { $$ = mk_string(ctx, $1, $2, @$); }
  ;

items_opt:
    %empty                 { $$ = NULL; }
  | items
  | items ','
  ;

items:
    expr                   { $$ = mk_list(ctx, $1); }
  | items ',' expr         { $$ = $1; vec_push(ctx->arena, $$, $3); }
  ;

dict_items_opt:
    %empty                 { $$ = NULL; }
  | dict_items
  | dict_items ','
  ;

dict_items:
    expr ':' expr          { $$ = mk_list(ctx, $1); vec_push(ctx->arena, $$, $3); }
  | dict_items ',' expr ':' expr
                           { $$ = $1; vec_push(ctx->arena, $$, $3); vec_push(ctx->arena, $$, $5); }
  ;

args_opt:
    %empty                 { $$ = NULL; }
  | args
  | args ','
  ;

args:
    arg                    { $$ = mk_list(ctx, $1); }
  | args ',' arg           { $$ = $1; vec_push(ctx->arena, $$, $3); }
  ;

arg:
    expr                   { $$ = mk_arg(ctx, NULL, $1, @$); }
  | NAME '=' expr          { $$ = mk_arg(ctx, $1, $3, @$); }
  | '*' expr               { $$ = mk_arg(ctx, "*", $2, @$); }
  | POW expr               { $$ = mk_arg(ctx, "**", $2, @$); }
  ;

%%

static void pyerror(PYLTYPE *loc, yyscan_t scanner, struct py_ctx *ctx, const char *msg)
{
    (void)scanner;
    if (ctx->pending_error)
        return;
    ctx->pending_error = true;
    ctx->pending_loc = *loc;
    ctx->pending_msg = arena_strdup(ctx->arena, msg);
}

static struct vec *mk_list(struct py_ctx *ctx, void *first)
{
    struct vec *v = arena_alloc(ctx->arena, sizeof *v);
    vec_push(ctx->arena, v, first);
    return v;
}

static void append(struct py_ctx *ctx, struct vec *to, const struct vec *from)
{
    for (int i = 0; i < from->n; i++)
        vec_push(ctx->arena, to, from->items[i]);
}

static struct py_arg *mk_arg(struct py_ctx *ctx, const char *kw, struct py_expr *value,
                             PYLTYPE at)
{
    struct py_arg *a = arena_alloc(ctx->arena, sizeof *a);
    a->kw = kw;
    a->value = value;
    a->loc = LOC(at);
    return a;
}

static struct py_expr *mk_expr(struct py_ctx *ctx, enum py_expr_kind kind, const char *text,
                               PYLTYPE at)
{
    struct py_expr *e = arena_alloc(ctx->arena, sizeof *e);
    e->kind = kind;
    e->text = text;
    e->loc = LOC(at);
    return e;
}

static struct py_expr *mk_op(struct py_ctx *ctx, enum py_expr_kind kind, const char *op,
                             struct py_expr *l, struct py_expr *r, PYLTYPE at)
{
    struct py_expr *e = mk_expr(ctx, kind, op, at);
    vec_push(ctx->arena, &e->items, l);
    if (r)
        vec_push(ctx->arena, &e->items, r);
    return e;
}

static struct py_expr *mk_seq(struct py_ctx *ctx, enum py_expr_kind kind, struct vec *items,
                              PYLTYPE at)
{
    struct py_expr *e = mk_expr(ctx, kind, NULL, at);
    if (items)
        e->items = *items;
    return e;
}

static struct py_expr *mk_string(struct py_ctx *ctx, struct py_expr *prev, const char *raw,
                                 PYLTYPE at)
{
    bool bytes = false, fstring = false;
    const char *v = py_string_value(ctx->arena, raw, strlen(raw), &bytes, &fstring);
    if (!prev) {
        struct py_expr *e = mk_expr(ctx, PY_STR, v, at);
        e->bytes = bytes;
        e->fstring = fstring;
        return e;
    }
    prev->text = arena_printf(ctx->arena, "%s%s", prev->text, v);
    prev->bytes |= bytes;
    prev->fstring |= fstring;
    prev->loc = LOC(at);
    return prev;
}

static struct py_stmt *mk_stmt(struct py_ctx *ctx, enum py_stmt_kind kind, PYLTYPE at)
{
    struct py_stmt *s = arena_alloc(ctx->arena, sizeof *s);
    s->kind = kind;
    s->loc = LOC(at);
    s->first_line = at.first_line;
    s->last_line = at.last_line;
    return s;
}

static struct py_stmt *mk_other(struct py_ctx *ctx, PYLTYPE at)
{
    ctx->pending_error = false;
    return mk_stmt(ctx, PYS_OTHER, at);
}
