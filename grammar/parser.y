/* The .mig grammar (LANGUAGE.md). Builds the syntax tree of ast.h into the
   arena of ctx; reports syntax errors through ctx's diagnostics and
   recovers at the next statement, header item or body, so one run
   reports every broken statement (parse_syntax_error stops a file after
   PARSE_MAX_ERRORS). The actions only build nodes: the checks that need
   nothing but the file (names, header order, types, ...) run over what
   they built afterwards (parse_check.c).

   Keywords are not reserved. A name is any word, with three exceptions
   that keep the grammar LALR(1) and unambiguous to a reader:
   - in create table, an element starting with constraint, primary,
     unique, foreign or check is a table constraint (col_name);
   - in expressions, the words of the expression syntax (and, or, not,
     is, in, like, between, null, true, false, current_*) are not column
     or function names (expr_name), as in PostgreSQL;
   - the name of a created index is not "concurrently" (index_name). */

%define api.pure full
%define api.prefix {mig}
%define parse.error custom
%define parse.lac full
%define lr.default-reduction accepting
%locations
%expect 0
%parse-param {yyscan_t scanner} {struct parse_ctx *ctx}
%lex-param {yyscan_t scanner} {struct parse_ctx *ctx}

%code requires {
#include "parse_ctx.h"

typedef struct parse_span MIGLTYPE;
#define MIGLTYPE_IS_DECLARED 1

#ifndef YY_TYPEDEF_YY_SCANNER_T
#define YY_TYPEDEF_YY_SCANNER_T
typedef void *yyscan_t;
#endif

struct parse_elems;

/* A span from the first to the last symbol of a rule; an empty rule sits
   at the end of what precedes it. */
#define YYLLOC_DEFAULT(Cur, Rhs, N)                                      \
    do {                                                                 \
        if (N) {                                                         \
            (Cur).first_line = YYRHSLOC(Rhs, 1).first_line;              \
            (Cur).first_column = YYRHSLOC(Rhs, 1).first_column;          \
            (Cur).first_off = YYRHSLOC(Rhs, 1).first_off;                \
            (Cur).last_line = YYRHSLOC(Rhs, N).last_line;                \
            (Cur).last_column = YYRHSLOC(Rhs, N).last_column;            \
            (Cur).last_off = YYRHSLOC(Rhs, N).last_off;                  \
        } else {                                                         \
            (Cur).first_line = (Cur).last_line = YYRHSLOC(Rhs, 0).last_line;       \
            (Cur).first_column = (Cur).last_column = YYRHSLOC(Rhs, 0).last_column; \
            (Cur).first_off = (Cur).last_off = YYRHSLOC(Rhs, 0).last_off;          \
        }                                                                \
    } while (0)
}

%union {
    const char *str;
    int num;
    struct ident *id;
    struct vec *list;
    struct expr *expr;
    struct stmt *stmt;
    struct column_def *col;
    struct constraint_def *con;
    struct alter_action *act;
    struct index_elem *elem;
    struct parse_colcon *cc;
    struct parse_type *ts;
    struct parse_fkacts *fk;
    struct parse_body *body;
    struct parse_elems *elems;
}

%code {
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* The scanner (lexer.l); its header is not included here because it
   would rename this file's yylex. */
int migscanlex(MIGSTYPE *val, MIGLTYPE *loc, yyscan_t scanner);

static int miglex(MIGSTYPE *val, MIGLTYPE *loc, yyscan_t scanner, struct parse_ctx *ctx);
static void migerror(MIGLTYPE *loc, yyscan_t scanner, struct parse_ctx *ctx, const char *msg);

#define LOC(span) parse_loc(ctx, (span))

/* Columns and table constraints of a create table, in the order written. */
struct parse_elems {
    struct vec columns, constraints;
};

static struct ident *mk_name(struct parse_ctx *ctx, const char *text, bool fold, MIGLTYPE at);
static struct ident *mk_revid(struct parse_ctx *ctx, const char *text, MIGLTYPE at, bool label);
static struct vec *mk_list(struct parse_ctx *ctx, void *first);
static struct expr *mk_expr(struct parse_ctx *ctx, enum expr_kind kind, const char *text, MIGLTYPE at);
static struct expr *mk_op(struct parse_ctx *ctx, enum expr_kind kind, enum expr_op op, MIGLTYPE at,
                          int nargs, ...);
static struct expr *mk_in(struct parse_ctx *ctx, struct expr *lhs, struct vec *list, bool negated,
                          MIGLTYPE at);
static struct parse_type *mk_type(struct parse_ctx *ctx, const char *name, MIGLTYPE name_at,
                                  struct vec *params, MIGLTYPE at);
static struct expr *mk_cast(struct parse_ctx *ctx, struct expr *e, struct parse_type *ts,
                            bool typecast, MIGLTYPE at);
static struct expr *mk_case(struct parse_ctx *ctx, struct expr *arg, struct vec *whens,
                            struct expr *els, MIGLTYPE at);
static struct parse_colcon *mk_colcon(struct parse_ctx *ctx, enum parse_colcon_kind kind, MIGLTYPE at);
static struct constraint_def *mk_con(struct parse_ctx *ctx, enum constraint_kind kind, MIGLTYPE at);
static struct constraint_def *mk_fk(struct parse_ctx *ctx, struct vec *cols, struct ident *table,
                                    struct vec *ref_cols, struct parse_fkacts *acts, MIGLTYPE at);
static struct parse_fkacts *mk_fkacts(struct parse_ctx *ctx);
static struct parse_fkacts *add_fk_action(struct parse_ctx *ctx, struct parse_fkacts *acts,
                                          bool on_delete, int action, MIGLTYPE at);
static struct column_def *mk_column(struct parse_ctx *ctx, struct ident *name, struct parse_type *ts,
                                    struct vec *colcons, MIGLTYPE at);
static struct parse_elems *mk_elems(struct parse_ctx *ctx, struct column_def *col,
                                    struct constraint_def *con);
static struct parse_elems *join_elems(struct parse_ctx *ctx, struct parse_elems *to,
                                      const struct parse_elems *from);
static struct alter_action *mk_action(struct parse_ctx *ctx, enum alter_kind kind, struct ident *name,
                                      MIGLTYPE at);
static struct stmt *mk_head(struct parse_ctx *ctx, enum stmt_kind kind, struct ident *table,
                            MIGLTYPE at);
static struct stmt *mk_insert(struct parse_ctx *ctx, struct ident *table, struct vec *cols,
                              struct vec *rows, MIGLTYPE at);
static struct parse_item_node *mk_item(struct parse_ctx *ctx, enum parse_item item, MIGLTYPE at,
                                       MIGLTYPE span);
static void con_add_attr(struct constraint_def *into, int attr, struct loc loc);
static void con_set_attrs(struct constraint_def *c, const struct constraint_def *attrs);
static void set_elem_options(struct parse_ctx *ctx, struct index_elem *e,
                             const struct ident *opclass, int nulls, MIGLTYPE nulls_at);
}

/* Words and literals: the text as written (QIDENT and SCONST unescaped). */
%token <str> IDENT QIDENT ICONST FCONST SCONST
%token <str> DIGITWORD          /* digit-led word: a revision id such as 3f2a9b0c11de */
%token <body> DOLLAR            /* $$ ... $$ */

%token <str> ACTION "action" ADD "add" ALTER "alter" AND "and" AS "as" ASC "asc"
%token <str> BASE "base" BETWEEN "between" BRANCH "branch" CASCADE "cascade"
%token <str> CHECK "check" COLUMN "column" CONCURRENTLY "concurrently"
%token <str> CONSTRAINT "constraint" CREATE "create" CREATED "created"
%token <str> CURRENT_DATE "current_date" CURRENT_TIME "current_time"
%token <str> CURRENT_TIMESTAMP "current_timestamp" DEFAULT "default"
%token <str> DELETE "delete" DEPENDS "depends" DESC "desc" DOWNGRADE "downgrade"
%token <str> DROP "drop" FALSE_P "false" FOREIGN "foreign" IDENTITY "identity"
%token <str> IN_P "in" INDEX "index" INSERT "insert" INTO "into"
%token <str> IRREVERSIBLE "irreversible" IS "is" KEY "key" LIKE "like"
%token <str> MESSAGE "message" NO "no" NONE "none" NOT "not" NULL_P "null"
%token <str> ON "on" OR "or" POSTGRES "postgres" PRECISION "precision"
%token <str> PRIMARY "primary" REFERENCES "references" RENAME "rename"
%token <str> RESTRICT "restrict" REVISES "revises" REVISION "revision" SET "set"
%token <str> SQL "sql" SQLITE "sqlite" TABLE "table" TO "to"
%token <str> TRANSACTION "transaction" TRUE_P "true" TYPE "type" UNIQUE "unique"
%token <str> UPDATE "update" UPGRADE "upgrade" USING "using" VALUES "values"
%token <str> VARYING "varying" WITH "with" WITHOUT "without" ZONE "zone"
%token <str> AFTER "after" BEFORE "before" ENUM "enum" VALUE "value"
%token <str> ALWAYS "always" DEFERRABLE "deferrable" DEFERRED "deferred"
%token <str> DISTINCT "distinct" FIRST_P "first" GENERATED "generated"
%token <str> IMMEDIATE "immediate" INCLUDE "include" INITIALLY "initially" LAST_P "last"
%token <str> NULLS_P "nulls" STORED "stored" VALID "valid" VALIDATE "validate"
%token <str> ALL "all" ANY "any" ARRAY "array" CASE "case" CAST "cast" ELSE "else"
%token <str> END_P "end" EXTRACT "extract" FROM "from" ILIKE "ilike" SOME "some"
%token <str> THEN "then" WHEN "when"
%token <str> EXISTS "exists" EXTENSION "extension" IF_P "if" SCHEMA "schema"
%token <str> COMMENT "comment"
%token <str> DATA_P "data" MATERIALIZED "materialized" REFRESH "refresh"
/* VIEW and WHERE stay last: is_keyword takes the range ACTION..WHERE. */
%token <str> VIEW "view" WHERE "where"

%token CONCAT "||" LE "<=" GE ">=" NE "<>"
%token TYPECAST "::" JSON_GET "->" JSON_GET_TEXT "->>" JSON_PATH "#>" JSON_PATH_TEXT "#>>"
%token CONTAINS "@>" CONTAINED "<@" REGEX_I "~*" NREGEX "!~" NREGEX_I "!~*"
/* "not" before in, like or between (the scanner looks one token ahead),
   so that it can bind as tightly as they do. */
%token NOT_LA

%left OR
%left AND
%precedence NOT
%precedence IS
%nonassoc '<' '>' '=' LE GE NE
%nonassoc BETWEEN IN_P LIKE ILIKE NOT_LA
/* PostgreSQL's level of its other operators, ||, ~ and the JSON ones. */
%left CONCAT '~' REGEX_I NREGEX NREGEX_I JSON_GET JSON_GET_TEXT JSON_PATH JSON_PATH_TEXT
      CONTAINS CONTAINED '?'
%left '+' '-'
%left '*' '/' '%'
%precedence UMINUS
%precedence TYPECAST

%type <str> kw_plain kw_expr kw_elem
%type <id> name col_name expr_name index_name rev_id label
%type <list> rev_list label_list name_list opt_name_list expr_list col_constraints
%type <list> type_params rows row alter_actions index_elems
%type <elems> table_elems table_elem
%type <num> fk_action opt_order
%type <fk> fk_actions
%type <ts> type_spec type_base
%type <str> type_name time_zone
%type <num> array_dims
%type <cc> col_constraint col_con_body
%type <con> table_constraint table_con_body
%type <col> column_def
%type <act> alter_action
%type <elem> index_elem
%type <expr> a_expr b_expr c_expr opt_where opt_using case_arg case_else
%type <list> when_clauses
%type <num> any_all
%type <str> extract_field
%type <stmt> stmt create_table create_table_head alter_table alter_table_head create_index
%type <stmt> index_head insert
%type <stmt> enum_stmt
%type <stmt> extension_stmt comment_stmt matview_stmt
%type <str> view_dialect
%type <str> comment_text
%type <id> opt_ext_schema
%type <list> enum_values
%type <num> opt_unique opt_nulls con_attr
%type <con> con_attrs
%type <list> opt_include
%type <id> opt_method opt_opclass

%%

/* No empty rule before the first item: without default reductions the
   start state must itself be able to recover from an error. */
migration:
    %empty
  | items
  ;

items:
    item
  | items item
  ;

/* ---- header and bodies ---------------------------------------------- */

item:
    REVISION rev_id             { mk_item(ctx, ITEM_REVISION, @1, @$)->id = $2; }
  | REVISES rev_list            { mk_item(ctx, ITEM_REVISES, @1, @$)->list = $2; }
  | MESSAGE SCONST              { mk_item(ctx, ITEM_MESSAGE, @1, @2)->text = $2; }
  | CREATED SCONST              { mk_item(ctx, ITEM_CREATED, @1, @2)->text = $2; }
  | BRANCH label_list           { mk_item(ctx, ITEM_BRANCH, @1, @$)->list = $2; }
  | DEPENDS ON rev_list         { mk_item(ctx, ITEM_DEPENDS, @1, @$)->list = $3; }
  | TRANSACTION NONE            { mk_item(ctx, ITEM_TRANSACTION, @1, @$); }
  | upgrade_open block
  | downgrade_open block
  | DOWNGRADE IRREVERSIBLE ';'  { mk_item(ctx, ITEM_DOWNGRADE, @1, @$)->irreversible = true; }
    /* A broken header item resumes at the next item or body. Without
       default reductions (below) these reduce only once the lookahead
       starts an item, so each broken item is reported. */
  | REVISION error              { yyerrok; }
  | REVISES error               { yyerrok; }
  | MESSAGE error               { yyerrok; }
  | CREATED error               { yyerrok; }
  | BRANCH error                { yyerrok; }
  | DEPENDS error               { yyerrok; }
  | TRANSACTION error           { yyerrok; }
  | UPGRADE error               { yyerrok; }
  | DOWNGRADE error             { yyerrok; }
  | error                       { yyerrok; }
  ;

/* A body's statements follow its opening in ctx->nodes; parse_check
   puts them in the body. */
upgrade_open:
    UPGRADE '{'                 { mk_item(ctx, ITEM_UPGRADE, @1, @$); }
  ;

downgrade_open:
    DOWNGRADE '{'               { mk_item(ctx, ITEM_DOWNGRADE, @1, @$); }
  ;

rev_list:
    rev_id                      { $$ = mk_list(ctx, $1); }
  | rev_list ',' rev_id         { $$ = $1; vec_push(ctx->arena, $$, $3); }
  ;

/* Revision ids and branch labels keep their spelling: they are not SQL names. */
rev_id:
    IDENT                       { $$ = mk_revid(ctx, $1, @1, false); }
  | ICONST                      { $$ = mk_revid(ctx, $1, @1, false); }
  | FCONST                      { $$ = mk_revid(ctx, $1, @1, false); }
  | DIGITWORD                   { $$ = mk_revid(ctx, $1, @1, false); }
  | kw_plain                    { $$ = mk_revid(ctx, $1, @1, false); }
  | kw_expr                     { $$ = mk_revid(ctx, $1, @1, false); }
  | kw_elem                     { $$ = mk_revid(ctx, $1, @1, false); }
  | CONCURRENTLY                { $$ = mk_revid(ctx, $1, @1, false); }
  ;

label_list:
    label                       { $$ = mk_list(ctx, $1); }
  | label_list ',' label        { $$ = $1; vec_push(ctx->arena, $$, $3); }
  ;

label:
    IDENT                       { $$ = mk_revid(ctx, $1, @1, true); }
  | ICONST                      { $$ = mk_revid(ctx, $1, @1, true); }
  | FCONST                      { $$ = mk_revid(ctx, $1, @1, true); }
  | DIGITWORD                   { $$ = mk_revid(ctx, $1, @1, true); }
  | kw_plain                    { $$ = mk_revid(ctx, $1, @1, true); }
  | kw_expr                     { $$ = mk_revid(ctx, $1, @1, true); }
  | kw_elem                     { $$ = mk_revid(ctx, $1, @1, true); }
  | CONCURRENTLY                { $$ = mk_revid(ctx, $1, @1, true); }
  ;

/* ---- statements ----------------------------------------------------- */

/* The rest of a body after its "{"; a broken statement resumes after
   its ";" or at the body's "}". */
block:
    '}'
  | stmts '}'
  | error '}'                   { yyerrok; }
  | stmts error '}'             { yyerrok; }
  ;

stmts:
    stmt                        { if ($1) parse_node_add(ctx, PNODE_STMT, $1); }
  | stmts stmt                  { if ($2) parse_node_add(ctx, PNODE_STMT, $2); }
  ;

stmt:
    create_table ';'
  | DROP TABLE name ';'
        { $$ = stmt_new(ctx->arena, STMT_DROP_TABLE, LOC(@1)); $$->table = *$3; }
  | RENAME TABLE name TO name ';'
        {
            $$ = stmt_new(ctx->arena, STMT_RENAME_TABLE, LOC(@1));
            $$->table = *$3;
            $$->new_name = *$5;
        }
  | alter_table ';'
  | create_index ';'
  | DROP INDEX name ';'
        { $$ = stmt_new(ctx->arena, STMT_DROP_INDEX, LOC(@1)); $$->name = *$3; }
  | CREATE VIEW name AS DOLLAR ';'
        {
            $$ = stmt_new(ctx->arena, STMT_CREATE_VIEW, LOC(@1));
            $$->name = *$3;
            $$->body = $5->text;
            $$->body_loc = $5->loc;
        }
  | CREATE VIEW name view_dialect AS DOLLAR ';'
        {
            $$ = stmt_new(ctx->arena, STMT_CREATE_VIEW, LOC(@1));
            $$->name = *$3;
            $$->sql_dialect = $4;
            $$->body = $6->text;
            $$->body_loc = $6->loc;
        }
  | DROP VIEW name ';'
        { $$ = stmt_new(ctx->arena, STMT_DROP_VIEW, LOC(@1)); $$->name = *$3; }
  | DROP VIEW name view_dialect ';'
        {
            $$ = stmt_new(ctx->arena, STMT_DROP_VIEW, LOC(@1));
            $$->name = *$3;
            $$->sql_dialect = $4;
        }
  | matview_stmt ';'
  | insert ';'
  | SQL DOLLAR ';'
        {
            $$ = stmt_new(ctx->arena, STMT_SQL, LOC(@1));
            $$->body = $2->text;
            $$->body_loc = $2->loc;
        }
  | SQL POSTGRES DOLLAR ';'
        {
            $$ = stmt_new(ctx->arena, STMT_SQL, LOC(@1));
            $$->sql_dialect = "postgres";
            $$->body = $3->text;
            $$->body_loc = $3->loc;
        }
  | SQL SQLITE DOLLAR ';'
        {
            $$ = stmt_new(ctx->arena, STMT_SQL, LOC(@1));
            $$->sql_dialect = "sqlite";
            $$->body = $3->text;
            $$->body_loc = $3->loc;
        }
  | enum_stmt ';'
  | extension_stmt ';'
  | comment_stmt ';'
  | error ';'                   { $$ = NULL; yyerrok; }
  ;

/* A view for one dialect names it as `sql` blocks do. */
view_dialect:
    POSTGRES                    { $$ = "postgres"; }
  | SQLITE                      { $$ = "sqlite"; }
  ;

/* Materialized views (PostgreSQL only; replay refuses them elsewhere). */
matview_stmt:
    CREATE MATERIALIZED VIEW name AS DOLLAR
        {
            $$ = stmt_new(ctx->arena, STMT_CREATE_VIEW, LOC(@1));
            $$->materialized = true;
            $$->name = *$4;
            $$->body = $6->text;
            $$->body_loc = $6->loc;
        }
  | CREATE MATERIALIZED VIEW name AS DOLLAR WITH NO DATA_P
        {
            $$ = stmt_new(ctx->arena, STMT_CREATE_VIEW, LOC(@1));
            $$->materialized = true;
            $$->no_data = true;
            $$->name = *$4;
            $$->body = $6->text;
            $$->body_loc = $6->loc;
        }
  | REFRESH MATERIALIZED VIEW name
        { $$ = stmt_new(ctx->arena, STMT_REFRESH_VIEW, LOC(@1)); $$->name = *$4; }
  | REFRESH MATERIALIZED VIEW CONCURRENTLY name
        {
            $$ = stmt_new(ctx->arena, STMT_REFRESH_VIEW, LOC(@1));
            $$->concurrently = true;
            $$->name = *$5;
        }
  | DROP MATERIALIZED VIEW name
        {
            $$ = stmt_new(ctx->arena, STMT_DROP_VIEW, LOC(@1));
            $$->materialized = true;
            $$->name = *$4;
        }
  ;

/* Extensions (PostgreSQL only; replay refuses them elsewhere). */
extension_stmt:
    CREATE EXTENSION name opt_ext_schema
        {
            $$ = stmt_new(ctx->arena, STMT_CREATE_EXTENSION, LOC(@1));
            $$->name = *$3;
            if ($4)
                $$->schema = *$4;
        }
  | CREATE EXTENSION IF_P NOT EXISTS name opt_ext_schema
        {
            $$ = stmt_new(ctx->arena, STMT_CREATE_EXTENSION, LOC(@1));
            $$->if_not_exists = true;
            $$->name = *$6;
            if ($7)
                $$->schema = *$7;
        }
  | DROP EXTENSION name
        { $$ = stmt_new(ctx->arena, STMT_DROP_EXTENSION, LOC(@1)); $$->name = *$3; }
  ;

opt_ext_schema:
    %empty                      { $$ = NULL; }
  | SCHEMA name                 { $$ = $2; }
  ;

/* Comments on tables and columns; `is null` removes one. */
comment_stmt:
    COMMENT ON TABLE name IS comment_text
        {
            $$ = stmt_new(ctx->arena, STMT_COMMENT, LOC(@1));
            $$->table = *$4;
            $$->comment = $6;
        }
  | COMMENT ON COLUMN name '.' col_name IS comment_text
        {
            $$ = stmt_new(ctx->arena, STMT_COMMENT, LOC(@1));
            $$->table = *$4;
            $$->name = *$6;
            $$->comment = $8;
        }
  ;

comment_text:
    SCONST
  | NULL_P                      { $$ = NULL; }
  ;

/* Enum types. Their values are strings, kept as idents for their
   locations. */
enum_stmt:
    CREATE TYPE name AS ENUM '(' ')'
        { $$ = stmt_new(ctx->arena, STMT_CREATE_TYPE, LOC(@1)); $$->name = *$3; }
  | CREATE TYPE name AS ENUM '(' enum_values ')'
        {
            $$ = stmt_new(ctx->arena, STMT_CREATE_TYPE, LOC(@1));
            $$->name = *$3;
            $$->values = *$7;
        }
  | DROP TYPE name
        { $$ = stmt_new(ctx->arena, STMT_DROP_TYPE, LOC(@1)); $$->name = *$3; }
  | ALTER TYPE name ADD VALUE SCONST
        {
            $$ = stmt_new(ctx->arena, STMT_ADD_VALUE, LOC(@1));
            $$->name = *$3;
            $$->value = *ident_new(ctx->arena, $6, LOC(@6));
        }
  | ALTER TYPE name ADD VALUE SCONST BEFORE SCONST
        {
            $$ = stmt_new(ctx->arena, STMT_ADD_VALUE, LOC(@1));
            $$->name = *$3;
            $$->value = *ident_new(ctx->arena, $6, LOC(@6));
            $$->anchor = *ident_new(ctx->arena, $8, LOC(@8));
        }
  | ALTER TYPE name ADD VALUE SCONST AFTER SCONST
        {
            $$ = stmt_new(ctx->arena, STMT_ADD_VALUE, LOC(@1));
            $$->name = *$3;
            $$->value = *ident_new(ctx->arena, $6, LOC(@6));
            $$->anchor = *ident_new(ctx->arena, $8, LOC(@8));
            $$->after = true;
        }
  | ALTER TYPE name RENAME VALUE SCONST TO SCONST
        {
            $$ = stmt_new(ctx->arena, STMT_RENAME_VALUE, LOC(@1));
            $$->name = *$3;
            $$->value = *ident_new(ctx->arena, $6, LOC(@6));
            $$->new_value = *ident_new(ctx->arena, $8, LOC(@8));
        }
  | ALTER TYPE name RENAME TO name
        {
            $$ = stmt_new(ctx->arena, STMT_RENAME_TYPE, LOC(@1));
            $$->name = *$3;
            $$->new_name = *$6;
        }
  ;

enum_values:
    SCONST                      { $$ = mk_list(ctx, ident_new(ctx->arena, $1, LOC(@1))); }
  | enum_values ',' SCONST      { $$ = $1; vec_push(ctx->arena, $$, ident_new(ctx->arena, $3, LOC(@3))); }
  ;

create_table:
    create_table_head '(' table_elems ')'
        { $$ = $1; $$->columns = $3->columns; $$->constraints = $3->constraints; }
  ;

create_table_head:
    CREATE TABLE name           { $$ = mk_head(ctx, STMT_CREATE_TABLE, $3, @1); }
  ;

table_elems:
    table_elem                  { $$ = join_elems(ctx, NULL, $1); }
  | table_elems ',' table_elem
        { $$ = join_elems(ctx, $1, $3); }
  ;

table_elem:
    column_def                  { $$ = mk_elems(ctx, $1, NULL); }
  | table_constraint            { $$ = mk_elems(ctx, NULL, $1); }
  ;

column_def:
    col_name type_spec col_constraints
        { $$ = mk_column(ctx, $1, $2, $3, @$); }
  ;

type_spec:
    type_base
  | type_base array_dims
        { $$ = $1; $$->loc = LOC(@$); $$->array_dims = $2; $$->array_loc = LOC(@2); }
  ;

/* The SQL standard's several-word spellings (character varying, timestamp
   with time zone) are joined into one name that types.c looks up;
   timestamp(3) with time zone puts the parameters inside. */
type_base:
    type_name
        { $$ = mk_type(ctx, $1, @1, NULL, @$); }
  | type_name '(' type_params ')'
        { $$ = mk_type(ctx, $1, @1, $3, @$); }
  | type_name '(' type_params ')' time_zone
        { $$ = mk_type(ctx, arena_printf(ctx->arena, "%s %s", $1, $5), @$, $3, @$); }
  | QIDENT
        {
            /* A quoted name is an enum type's, spelled as written. */
            $$ = mk_type(ctx, $1, @1, NULL, @$);
            $$->name = $1;
        }
  | IDENT SCONST
        {
            /* Not native: the string is the error, not the type's name. */
            $$ = mk_type(ctx, name_eq($1, "native") ? $1 : "text", @1, NULL, @$);
            if (!name_eq($1, "native")) {
                diag_error(ctx->diag, LOC(@2), "syntax error: unexpected string after type \"%s\"",
                           $1);
                diag_hint(ctx->diag, "A type written as the database prints it is native '...'.");
            } else {
                $$->native = $2;
            }
        }
  ;

type_name:
    IDENT
  | IDENT VARYING               { $$ = arena_printf(ctx->arena, "%s %s", $1, $2); }
  | IDENT PRECISION             { $$ = arena_printf(ctx->arena, "%s %s", $1, $2); }
  | IDENT time_zone             { $$ = arena_printf(ctx->arena, "%s %s", $1, $2); }
  ;

time_zone:
    WITH IDENT ZONE             { $$ = arena_printf(ctx->arena, "%s %s %s", $1, $2, $3); }
  | WITHOUT IDENT ZONE          { $$ = arena_printf(ctx->arena, "%s %s %s", $1, $2, $3); }
  ;

array_dims:
    '[' ']'                     { $$ = 1; }
  | array_dims '[' ']'          { $$ = $1 + 1; }
  ;

type_params:
    ICONST                      { $$ = mk_list(ctx, ident_new(ctx->arena, $1, LOC(@1))); }
  | type_params ',' ICONST      { $$ = $1; vec_push(ctx->arena, $$, ident_new(ctx->arena, $3, LOC(@3))); }
  ;

col_constraints:
    %empty                      { $$ = arena_alloc(&ctx->scratch, sizeof *$$); }
  | col_constraints col_constraint
        { $$ = $1; vec_push(&ctx->scratch, $$, $2); }
  ;

col_constraint:
    CONSTRAINT name col_con_body
        {
            $$ = $3;
            $$->loc = LOC(@$);
            if ($$->con) {
                $$->con->name = *$2;
                $$->con->loc = $$->loc;
            }
        }
  | col_con_body
  ;

col_con_body:
    NOT NULL_P                  { $$ = mk_colcon(ctx, CC_NOT_NULL, @$); }
  | NULL_P                      { $$ = mk_colcon(ctx, CC_NULL, @$); }
  | IDENTITY                    { $$ = mk_colcon(ctx, CC_IDENTITY, @$); }
  | DEFAULT b_expr              { $$ = mk_colcon(ctx, CC_DEFAULT, @$); $$->dflt = $2; }
  | PRIMARY KEY
        {
            $$ = mk_colcon(ctx, CC_CONSTRAINT, @$);
            $$->con = mk_con(ctx, CON_PRIMARY_KEY, @$);
        }
  | UNIQUE
        {
            $$ = mk_colcon(ctx, CC_CONSTRAINT, @$);
            $$->con = mk_con(ctx, CON_UNIQUE, @$);
        }
  | REFERENCES name fk_actions
        {
            $$ = mk_colcon(ctx, CC_CONSTRAINT, @$);
            $$->con = mk_fk(ctx, NULL, $2, NULL, $3, @$);
        }
  | REFERENCES name '(' name ')' fk_actions
        {
            $$ = mk_colcon(ctx, CC_CONSTRAINT, @$);
            $$->con = mk_fk(ctx, NULL, $2, mk_list(ctx, $4), $6, @$);
        }
  | CHECK '(' a_expr ')'
        {
            $$ = mk_colcon(ctx, CC_CONSTRAINT, @$);
            $$->con = mk_con(ctx, CON_CHECK, @$);
            $$->con->check = $3;
        }
  | UNIQUE NULLS_P NOT DISTINCT
        {
            $$ = mk_colcon(ctx, CC_CONSTRAINT, @$);
            $$->con = mk_con(ctx, CON_UNIQUE, @$);
            $$->con->nulls_not_distinct = true;
            $$->con->nulls_loc = LOC(@2);
        }
  | GENERATED ALWAYS AS '(' a_expr ')' STORED
        { $$ = mk_colcon(ctx, CC_GENERATED, @$); $$->dflt = $5; }
  | DEFERRABLE                  { $$ = mk_colcon(ctx, CC_ATTR, @$); $$->attr = ATTR_DEFERRABLE; }
  | NOT DEFERRABLE              { $$ = mk_colcon(ctx, CC_ATTR, @$); $$->attr = ATTR_NOT_DEFERRABLE; }
  | INITIALLY DEFERRED
        { $$ = mk_colcon(ctx, CC_ATTR, @$); $$->attr = ATTR_INITIALLY_DEFERRED; }
  | INITIALLY IMMEDIATE
        { $$ = mk_colcon(ctx, CC_ATTR, @$); $$->attr = ATTR_INITIALLY_IMMEDIATE; }
  ;

fk_actions:
    %empty                      { $$ = mk_fkacts(ctx); }
  | fk_actions ON DELETE fk_action
        { $$ = add_fk_action(ctx, $1, true, $4, @2); }
  | fk_actions ON UPDATE fk_action
        { $$ = add_fk_action(ctx, $1, false, $4, @2); }
  ;

fk_action:
    CASCADE                     { $$ = FK_CASCADE; }
  | RESTRICT                    { $$ = FK_RESTRICT; }
  | SET NULL_P                  { $$ = FK_SET_NULL; }
  | SET DEFAULT                 { $$ = FK_SET_DEFAULT; }
  | NO ACTION                   { $$ = FK_NO_ACTION; }
  ;

table_constraint:
    CONSTRAINT name table_con_body con_attrs
        { $$ = $3; $$->name = *$2; $$->loc = LOC(@$); con_set_attrs($$, $4); }
  | table_con_body con_attrs
        { $$ = $1; con_set_attrs($$, $2); }
  ;

/* deferrable, initially ..., not valid after a table constraint: they
   gather in a scratch constraint_def that con_set_attrs copies over. */
con_attrs:
    %empty                      { $$ = NULL; }
  | con_attrs con_attr
        {
            $$ = $1 ? $1 : arena_alloc(&ctx->scratch, sizeof *$$);
            con_add_attr($$, $2, LOC(@2));
        }
  ;

con_attr:
    DEFERRABLE                  { $$ = ATTR_DEFERRABLE; }
  | NOT DEFERRABLE              { $$ = ATTR_NOT_DEFERRABLE; }
  | INITIALLY DEFERRED          { $$ = ATTR_INITIALLY_DEFERRED; }
  | INITIALLY IMMEDIATE         { $$ = ATTR_INITIALLY_IMMEDIATE; }
  | NOT VALID                   { $$ = ATTR_NOT_VALID; }
  ;

table_con_body:
    PRIMARY KEY '(' name_list ')'
        { $$ = mk_con(ctx, CON_PRIMARY_KEY, @$); $$->cols = *$4; }
  | UNIQUE '(' name_list ')'
        { $$ = mk_con(ctx, CON_UNIQUE, @$); $$->cols = *$3; }
  | UNIQUE NULLS_P NOT DISTINCT '(' name_list ')'
        {
            $$ = mk_con(ctx, CON_UNIQUE, @$);
            $$->cols = *$6;
            $$->nulls_not_distinct = true;
            $$->nulls_loc = LOC(@2);
        }
  | FOREIGN KEY '(' name_list ')' REFERENCES name opt_name_list fk_actions
        { $$ = mk_fk(ctx, $4, $7, $8, $9, @$); }
  | CHECK '(' a_expr ')'
        { $$ = mk_con(ctx, CON_CHECK, @$); $$->check = $3; }
  ;

name_list:
    name                        { $$ = mk_list(ctx, $1); }
  | name_list ',' name          { $$ = $1; vec_push(ctx->arena, $$, $3); }
  ;

opt_name_list:
    %empty                      { $$ = NULL; }
  | '(' name_list ')'           { $$ = $2; }
  ;

alter_table:
    alter_table_head alter_actions
        { $$ = $1; $$->actions = *$2; }
  ;

alter_table_head:
    ALTER TABLE name            { $$ = mk_head(ctx, STMT_ALTER_TABLE, $3, @1); }
  ;

alter_actions:
    alter_action                { $$ = mk_list(ctx, $1); }
  | alter_actions ',' alter_action
        { $$ = $1; vec_push(ctx->arena, $$, $3); }
  ;

alter_action:
    ADD COLUMN name type_spec col_constraints
        {
            $$ = mk_action(ctx, ALTER_ADD_COLUMN, $3, @$);
            MIGLTYPE def = @3;
            def.last_line = @5.last_line;
            def.last_column = @5.last_column;
            def.last_off = @5.last_off;
            $$->column = mk_column(ctx, $3, $4, $5, def);
        }
  | ADD table_constraint
        { $$ = mk_action(ctx, ALTER_ADD_CONSTRAINT, NULL, @$); $$->constraint = $2; }
  | DROP COLUMN name
        { $$ = mk_action(ctx, ALTER_DROP_COLUMN, $3, @$); }
  | DROP CONSTRAINT name
        { $$ = mk_action(ctx, ALTER_DROP_CONSTRAINT, $3, @$); }
  | RENAME COLUMN name TO name
        { $$ = mk_action(ctx, ALTER_RENAME_COLUMN, $3, @$); $$->new_name = *$5; }
  | ALTER COLUMN name TYPE type_spec opt_using
        {
            $$ = mk_action(ctx, ALTER_TYPE, $3, @$);
            $5->into = &$$->type;
            $$->type_loc = $5->loc;
            $$->expr = $6;
        }
  | ALTER COLUMN name SET NOT NULL_P
        { $$ = mk_action(ctx, ALTER_SET_NOT_NULL, $3, @$); }
  | ALTER COLUMN name DROP NOT NULL_P
        { $$ = mk_action(ctx, ALTER_DROP_NOT_NULL, $3, @$); }
  | ALTER COLUMN name SET DEFAULT a_expr
        { $$ = mk_action(ctx, ALTER_SET_DEFAULT, $3, @$); $$->expr = $6; }
  | ALTER COLUMN name DROP DEFAULT
        { $$ = mk_action(ctx, ALTER_DROP_DEFAULT, $3, @$); }
  | VALIDATE CONSTRAINT name
        { $$ = mk_action(ctx, ALTER_VALIDATE_CONSTRAINT, $3, @$); }
  ;

opt_using:
    %empty                      { $$ = NULL; }
  | USING '(' a_expr ')'        { $$ = $3; }
  ;

create_index:
    index_head index_name ON name opt_method '(' index_elems ')' opt_include opt_where
        {
            $$ = $1;
            $$->name = *$2;
            $$->table = *$4;
            if ($5)
                $$->method = *$5;
            $$->elems = *$7;
            if ($9)
                $$->include = *$9;
            $$->where = $10;
        }
  | index_head CONCURRENTLY index_name ON name opt_method '(' index_elems ')' opt_include opt_where
        {
            $$ = $1;
            $$->concurrently = true;
            $$->name = *$3;
            $$->table = *$5;
            if ($6)
                $$->method = *$6;
            $$->elems = *$8;
            if ($10)
                $$->include = *$10;
            $$->where = $11;
        }
  ;

opt_method:
    %empty                      { $$ = NULL; }
  | USING name                  { $$ = $2; }
  ;

opt_include:
    %empty                      { $$ = NULL; }
  | INCLUDE '(' name_list ')'   { $$ = $3; }
  ;

index_head:
    CREATE opt_unique INDEX
        { $$ = mk_head(ctx, STMT_CREATE_INDEX, NULL, @1); $$->unique = $2; }
  ;

opt_unique:
    %empty                      { $$ = 0; }
  | UNIQUE                      { $$ = 1; }
  ;

index_elems:
    index_elem                  { $$ = mk_list(ctx, $1); }
  | index_elems ',' index_elem  { $$ = $1; vec_push(ctx->arena, $$, $3); }
  ;

index_elem:
    name opt_opclass opt_order opt_nulls
        {
            $$ = arena_alloc(ctx->arena, sizeof *$$);
            $$->column = *$1;
            $$->asc = $3 == 1;
            $$->desc = $3 == 2;
            $$->loc = LOC(@$);
            set_elem_options(ctx, $$, $2, $4, @4);
        }
  | '(' a_expr ')' opt_opclass opt_order opt_nulls
        {
            $$ = arena_alloc(ctx->arena, sizeof *$$);
            $$->expr = $2;
            $$->asc = $5 == 1;
            $$->desc = $5 == 2;
            $$->loc = LOC(@$);
            set_elem_options(ctx, $$, $4, $6, @6);
        }
  ;

/* An operator class is a plain word (gin_trgm_ops), so that it cannot be
   taken for asc or desc. */
opt_opclass:
    %empty                      { $$ = NULL; }
  | IDENT                       { $$ = mk_name(ctx, $1, true, @1); }
  | QIDENT                      { $$ = mk_name(ctx, $1, false, @1); }
  ;

opt_nulls:
    %empty                      { $$ = 0; }
  | NULLS_P FIRST_P             { $$ = 1; }
  | NULLS_P LAST_P              { $$ = 2; }
  ;

opt_order:
    %empty                      { $$ = 0; }
  | ASC                         { $$ = 1; }
  | DESC                        { $$ = 2; }
  ;

opt_where:
    %empty                      { $$ = NULL; }
  | WHERE '(' a_expr ')'        { $$ = $3; }
  ;

insert:
    INSERT INTO name '(' name_list ')' VALUES rows
        { $$ = mk_insert(ctx, $3, $5, $8, @1); }
  ;

rows:
    row                         { $$ = mk_list(ctx, $1); }
  | rows ',' row                { $$ = $1; vec_push(ctx->arena, $$, $3); }
  ;

row:
    '(' expr_list ')'           { $$ = $2; }
  ;

/* ---- expressions ---------------------------------------------------- */

a_expr:
    c_expr
  | a_expr OR a_expr            { $$ = mk_op(ctx, EXPR_BINARY, OP_OR, @$, 2, $1, $3); }
  | a_expr AND a_expr           { $$ = mk_op(ctx, EXPR_BINARY, OP_AND, @$, 2, $1, $3); }
  | NOT a_expr                  { $$ = mk_op(ctx, EXPR_UNARY, OP_NOT, @$, 1, $2); }
  | a_expr IS NULL_P %prec IS   { $$ = mk_op(ctx, EXPR_IS_NULL, OP_NONE, @$, 1, $1); }
  | a_expr IS NOT NULL_P %prec IS
        { $$ = mk_op(ctx, EXPR_IS_NULL, OP_NONE, @$, 1, $1); $$->negated = true; }
  | a_expr '=' a_expr           { $$ = mk_op(ctx, EXPR_BINARY, OP_EQ, @$, 2, $1, $3); }
  | a_expr NE a_expr            { $$ = mk_op(ctx, EXPR_BINARY, OP_NE, @$, 2, $1, $3); }
  | a_expr '<' a_expr           { $$ = mk_op(ctx, EXPR_BINARY, OP_LT, @$, 2, $1, $3); }
  | a_expr LE a_expr            { $$ = mk_op(ctx, EXPR_BINARY, OP_LE, @$, 2, $1, $3); }
  | a_expr '>' a_expr           { $$ = mk_op(ctx, EXPR_BINARY, OP_GT, @$, 2, $1, $3); }
  | a_expr GE a_expr            { $$ = mk_op(ctx, EXPR_BINARY, OP_GE, @$, 2, $1, $3); }
  | a_expr LIKE a_expr          { $$ = mk_op(ctx, EXPR_LIKE, OP_NONE, @$, 2, $1, $3); }
  | a_expr NOT_LA LIKE a_expr %prec NOT_LA
        { $$ = mk_op(ctx, EXPR_LIKE, OP_NONE, @$, 2, $1, $4); $$->negated = true; }
  | a_expr IN_P '(' expr_list ')'
        { $$ = mk_in(ctx, $1, $4, false, @$); }
  | a_expr NOT_LA IN_P '(' expr_list ')'
        { $$ = mk_in(ctx, $1, $5, true, @$); }
  | a_expr BETWEEN b_expr AND a_expr %prec BETWEEN
        { $$ = mk_op(ctx, EXPR_BETWEEN, OP_NONE, @$, 3, $1, $3, $5); }
  | a_expr NOT_LA BETWEEN b_expr AND a_expr %prec NOT_LA
        { $$ = mk_op(ctx, EXPR_BETWEEN, OP_NONE, @$, 3, $1, $4, $6); $$->negated = true; }
  | a_expr CONCAT a_expr        { $$ = mk_op(ctx, EXPR_BINARY, OP_CONCAT, @$, 2, $1, $3); }
  | a_expr '+' a_expr           { $$ = mk_op(ctx, EXPR_BINARY, OP_ADD, @$, 2, $1, $3); }
  | a_expr '-' a_expr           { $$ = mk_op(ctx, EXPR_BINARY, OP_SUB, @$, 2, $1, $3); }
  | a_expr '*' a_expr           { $$ = mk_op(ctx, EXPR_BINARY, OP_MUL, @$, 2, $1, $3); }
  | a_expr '/' a_expr           { $$ = mk_op(ctx, EXPR_BINARY, OP_DIV, @$, 2, $1, $3); }
  | a_expr '%' a_expr           { $$ = mk_op(ctx, EXPR_BINARY, OP_MOD, @$, 2, $1, $3); }
  | '-' a_expr %prec UMINUS     { $$ = mk_op(ctx, EXPR_UNARY, OP_NEG, @$, 1, $2); }
  | '+' a_expr %prec UMINUS     { $$ = mk_op(ctx, EXPR_UNARY, OP_PLUS, @$, 1, $2); }
  | a_expr TYPECAST type_spec   { $$ = mk_cast(ctx, $1, $3, true, @$); }
  | a_expr ILIKE a_expr         { $$ = mk_op(ctx, EXPR_LIKE, OP_ILIKE, @$, 2, $1, $3); }
  | a_expr NOT_LA ILIKE a_expr %prec NOT_LA
        { $$ = mk_op(ctx, EXPR_LIKE, OP_ILIKE, @$, 2, $1, $4); $$->negated = true; }
  | a_expr '~' a_expr           { $$ = mk_op(ctx, EXPR_BINARY, OP_REGEX, @$, 2, $1, $3); }
  | a_expr REGEX_I a_expr       { $$ = mk_op(ctx, EXPR_BINARY, OP_REGEX_I, @$, 2, $1, $3); }
  | a_expr NREGEX a_expr        { $$ = mk_op(ctx, EXPR_BINARY, OP_NREGEX, @$, 2, $1, $3); }
  | a_expr NREGEX_I a_expr      { $$ = mk_op(ctx, EXPR_BINARY, OP_NREGEX_I, @$, 2, $1, $3); }
  | a_expr JSON_GET a_expr      { $$ = mk_op(ctx, EXPR_BINARY, OP_JSON_GET, @$, 2, $1, $3); }
  | a_expr JSON_GET_TEXT a_expr { $$ = mk_op(ctx, EXPR_BINARY, OP_JSON_GET_TEXT, @$, 2, $1, $3); }
  | a_expr JSON_PATH a_expr     { $$ = mk_op(ctx, EXPR_BINARY, OP_JSON_PATH, @$, 2, $1, $3); }
  | a_expr JSON_PATH_TEXT a_expr
        { $$ = mk_op(ctx, EXPR_BINARY, OP_JSON_PATH_TEXT, @$, 2, $1, $3); }
  | a_expr CONTAINS a_expr      { $$ = mk_op(ctx, EXPR_BINARY, OP_CONTAINS, @$, 2, $1, $3); }
  | a_expr CONTAINED a_expr     { $$ = mk_op(ctx, EXPR_BINARY, OP_CONTAINED, @$, 2, $1, $3); }
  | a_expr '?' a_expr           { $$ = mk_op(ctx, EXPR_BINARY, OP_JSON_HAS, @$, 2, $1, $3); }
  | a_expr '=' any_all '(' a_expr ')'
        { $$ = mk_op(ctx, $3, OP_EQ, @$, 2, $1, $5); }
  | a_expr NE any_all '(' a_expr ')'
        { $$ = mk_op(ctx, $3, OP_NE, @$, 2, $1, $5); }
  | a_expr '<' any_all '(' a_expr ')'
        { $$ = mk_op(ctx, $3, OP_LT, @$, 2, $1, $5); }
  | a_expr LE any_all '(' a_expr ')'
        { $$ = mk_op(ctx, $3, OP_LE, @$, 2, $1, $5); }
  | a_expr '>' any_all '(' a_expr ')'
        { $$ = mk_op(ctx, $3, OP_GT, @$, 2, $1, $5); }
  | a_expr GE any_all '(' a_expr ')'
        { $$ = mk_op(ctx, $3, OP_GE, @$, 2, $1, $5); }
  ;

any_all:
    ANY                         { $$ = EXPR_ANY; }
  | SOME                        { $$ = EXPR_ANY; }
  | ALL                         { $$ = EXPR_ALL; }
  ;

/* What a column default may be without parentheses (PostgreSQL's
   b_expr): no boolean operators, so that "default 0 not null" is a
   default and a constraint. */
b_expr:
    c_expr
  | b_expr CONCAT b_expr        { $$ = mk_op(ctx, EXPR_BINARY, OP_CONCAT, @$, 2, $1, $3); }
  | b_expr '+' b_expr           { $$ = mk_op(ctx, EXPR_BINARY, OP_ADD, @$, 2, $1, $3); }
  | b_expr '-' b_expr           { $$ = mk_op(ctx, EXPR_BINARY, OP_SUB, @$, 2, $1, $3); }
  | b_expr '*' b_expr           { $$ = mk_op(ctx, EXPR_BINARY, OP_MUL, @$, 2, $1, $3); }
  | b_expr '/' b_expr           { $$ = mk_op(ctx, EXPR_BINARY, OP_DIV, @$, 2, $1, $3); }
  | b_expr '%' b_expr           { $$ = mk_op(ctx, EXPR_BINARY, OP_MOD, @$, 2, $1, $3); }
  | '-' b_expr %prec UMINUS     { $$ = mk_op(ctx, EXPR_UNARY, OP_NEG, @$, 1, $2); }
  | '+' b_expr %prec UMINUS     { $$ = mk_op(ctx, EXPR_UNARY, OP_PLUS, @$, 1, $2); }
  | b_expr TYPECAST type_spec   { $$ = mk_cast(ctx, $1, $3, true, @$); }
  | b_expr '~' b_expr           { $$ = mk_op(ctx, EXPR_BINARY, OP_REGEX, @$, 2, $1, $3); }
  | b_expr REGEX_I b_expr       { $$ = mk_op(ctx, EXPR_BINARY, OP_REGEX_I, @$, 2, $1, $3); }
  | b_expr NREGEX b_expr        { $$ = mk_op(ctx, EXPR_BINARY, OP_NREGEX, @$, 2, $1, $3); }
  | b_expr NREGEX_I b_expr      { $$ = mk_op(ctx, EXPR_BINARY, OP_NREGEX_I, @$, 2, $1, $3); }
  | b_expr JSON_GET b_expr      { $$ = mk_op(ctx, EXPR_BINARY, OP_JSON_GET, @$, 2, $1, $3); }
  | b_expr JSON_GET_TEXT b_expr { $$ = mk_op(ctx, EXPR_BINARY, OP_JSON_GET_TEXT, @$, 2, $1, $3); }
  | b_expr JSON_PATH b_expr     { $$ = mk_op(ctx, EXPR_BINARY, OP_JSON_PATH, @$, 2, $1, $3); }
  | b_expr JSON_PATH_TEXT b_expr
        { $$ = mk_op(ctx, EXPR_BINARY, OP_JSON_PATH_TEXT, @$, 2, $1, $3); }
  | b_expr CONTAINS b_expr      { $$ = mk_op(ctx, EXPR_BINARY, OP_CONTAINS, @$, 2, $1, $3); }
  | b_expr CONTAINED b_expr     { $$ = mk_op(ctx, EXPR_BINARY, OP_CONTAINED, @$, 2, $1, $3); }
  | b_expr '?' b_expr           { $$ = mk_op(ctx, EXPR_BINARY, OP_JSON_HAS, @$, 2, $1, $3); }
  ;

c_expr:
    ICONST                      { $$ = mk_expr(ctx, EXPR_INT, $1, @1); }
  | FCONST                      { $$ = mk_expr(ctx, EXPR_NUMBER, $1, @1); }
  | SCONST                      { $$ = mk_expr(ctx, EXPR_STRING, $1, @1); }
  | TRUE_P                      { $$ = mk_expr(ctx, EXPR_TRUE, NULL, @1); }
  | FALSE_P                     { $$ = mk_expr(ctx, EXPR_FALSE, NULL, @1); }
  | NULL_P                      { $$ = mk_expr(ctx, EXPR_NULL, NULL, @1); }
  | CURRENT_TIMESTAMP           { $$ = mk_expr(ctx, EXPR_CURRENT_TIMESTAMP, NULL, @1); }
  | CURRENT_DATE                { $$ = mk_expr(ctx, EXPR_CURRENT_DATE, NULL, @1); }
  | CURRENT_TIME                { $$ = mk_expr(ctx, EXPR_CURRENT_TIME, NULL, @1); }
  | expr_name                   { $$ = mk_expr(ctx, EXPR_COLUMN, $1->name, @1); }
  | expr_name '(' ')'           { $$ = mk_expr(ctx, EXPR_FUNC, $1->name, @$); }
  | expr_name '(' expr_list ')'
        {
            $$ = mk_expr(ctx, EXPR_FUNC, $1->name, @$);
            $$->args = (const struct expr **)$3->items;
            $$->nargs = $3->n;
        }
  | '(' a_expr ')'              { $$ = mk_op(ctx, EXPR_PAREN, OP_NONE, @$, 1, $2); }
  | CAST '(' a_expr AS type_spec ')'
        { $$ = mk_cast(ctx, $3, $5, false, @$); }
  | CASE case_arg when_clauses case_else END_P
        { $$ = mk_case(ctx, $2, $3, $4, @$); }
  | EXTRACT '(' extract_field FROM a_expr ')'
        { $$ = mk_op(ctx, EXPR_EXTRACT, OP_NONE, @$, 1, $5); $$->text = $3; }
    /* As in PostgreSQL, extract is still a column name. */
  | EXTRACT                     { $$ = mk_expr(ctx, EXPR_COLUMN, mk_name(ctx, $1, true, @1)->name, @1); }
    /* interval '1 day': the type's name is a plain word (as the other
       types' are), so the rule takes any word and checks it. */
  | IDENT SCONST
        {
            if (name_eq($1, "interval")) {
                $$ = mk_expr(ctx, EXPR_INTERVAL, $2, @$);
            } else {
                parse_syntax_error(ctx, @2, "syntax error: unexpected string %.*s after \"%s\"",
                                   @2.last_off - @2.first_off, ctx->src + @2.first_off, $1);
                $$ = mk_expr(ctx, EXPR_STRING, $2, @2);
            }
        }
  | ARRAY '[' ']'               { $$ = mk_expr(ctx, EXPR_ARRAY, NULL, @$); }
  | ARRAY '[' expr_list ']'
        {
            $$ = mk_expr(ctx, EXPR_ARRAY, NULL, @$);
            $$->args = (const struct expr **)$3->items;
            $$->nargs = $3->n;
        }
  | CURRENT_TIMESTAMP '(' ICONST ')'
        { $$ = mk_expr(ctx, EXPR_CURRENT_TIMESTAMP, $3, @$); }
  ;

case_arg:
    %empty                      { $$ = NULL; }
  | a_expr
  ;

when_clauses:
    WHEN a_expr THEN a_expr     { $$ = mk_list(ctx, $2); vec_push(ctx->arena, $$, $4); }
  | when_clauses WHEN a_expr THEN a_expr
        { $$ = $1; vec_push(ctx->arena, $$, $3); vec_push(ctx->arena, $$, $5); }
  ;

case_else:
    %empty                      { $$ = NULL; }
  | ELSE a_expr                 { $$ = $2; }
  ;

extract_field:
    IDENT                       { $$ = arena_strlower(ctx->arena, $1); }
  | SCONST                      { $$ = arena_strlower(ctx->arena, $1); }
  ;

expr_list:
    a_expr                      { $$ = mk_list(ctx, $1); }
  | expr_list ',' a_expr        { $$ = $1; vec_push(ctx->arena, $$, $3); }
  ;

/* ---- names ---------------------------------------------------------- */

name:
    index_name
  | CONCURRENTLY                { $$ = mk_name(ctx, $1, true, @1); }
  ;

index_name:
    IDENT                       { $$ = mk_name(ctx, $1, true, @1); }
  | QIDENT                      { $$ = mk_name(ctx, $1, false, @1); }
  | kw_plain                    { $$ = mk_name(ctx, $1, true, @1); }
  | kw_expr                     { $$ = mk_name(ctx, $1, true, @1); }
  | kw_elem                     { $$ = mk_name(ctx, $1, true, @1); }
  ;

col_name:
    IDENT                       { $$ = mk_name(ctx, $1, true, @1); }
  | QIDENT                      { $$ = mk_name(ctx, $1, false, @1); }
  | kw_plain                    { $$ = mk_name(ctx, $1, true, @1); }
  | kw_expr                     { $$ = mk_name(ctx, $1, true, @1); }
  | CONCURRENTLY                { $$ = mk_name(ctx, $1, true, @1); }
  ;

expr_name:
    IDENT                       { $$ = mk_name(ctx, $1, true, @1); }
  | QIDENT                      { $$ = mk_name(ctx, $1, false, @1); }
  | kw_plain                    { $$ = mk_name(ctx, $1, true, @1); }
  | kw_elem                     { $$ = mk_name(ctx, $1, true, @1); }
  | CONCURRENTLY                { $$ = mk_name(ctx, $1, true, @1); }
  ;

kw_plain:
    ACTION | ADD | ALTER | AS | ASC | BASE | BRANCH | CASCADE | COLUMN | CREATE
  | CREATED | DEFAULT | DELETE | DEPENDS | DESC | DOWNGRADE | DROP | IDENTITY
  | INDEX | INSERT | INTO | IRREVERSIBLE | KEY | MESSAGE | NO | NONE | ON
  | POSTGRES | PRECISION | REFERENCES | RENAME | RESTRICT | REVISES | REVISION
  | SET | SQL | SQLITE | TABLE | TO | TRANSACTION | TYPE | UPDATE | UPGRADE
  | USING | VALUES | VIEW | WHERE | AFTER | BEFORE | ENUM | VALUE
  | VARYING | WITH | WITHOUT | ZONE
  | ALWAYS | DEFERRABLE | DEFERRED | DISTINCT | FIRST_P | GENERATED | IMMEDIATE | INCLUDE
  | INITIALLY | LAST_P | NULLS_P | STORED | VALID | VALIDATE
  | FROM
  | EXISTS | EXTENSION | IF_P | SCHEMA | COMMENT
  | DATA_P | MATERIALIZED | REFRESH
  ;

kw_expr:
    AND | BETWEEN | CURRENT_DATE | CURRENT_TIME | CURRENT_TIMESTAMP | FALSE_P
  | IN_P | IS | LIKE | NOT | NULL_P | OR | TRUE_P
  | ALL | ANY | ARRAY | CASE | CAST | ELSE | END_P | EXTRACT | ILIKE | SOME | THEN | WHEN
  ;

kw_elem:
    CHECK | CONSTRAINT | FOREIGN | PRIMARY | UNIQUE
  ;

%%

/* ---- scanner interface ---------------------------------------------- */

static int miglex(MIGSTYPE *val, MIGLTYPE *loc, yyscan_t scanner, struct parse_ctx *ctx)
{
    int tok;
    if (ctx->stopped) {
        tok = MIGEOF;
    } else if (ctx->has_peek) {
        ctx->has_peek = false;
        tok = ctx->peek_tok;
        *val = *(MIGSTYPE *)ctx->peek_val;
        *loc = ctx->peek_loc;
    } else {
        tok = migscanlex(val, loc, scanner);
    }
    if (tok == NOT && !ctx->stopped) {
        if (!ctx->peek_val)
            ctx->peek_val = arena_alloc(ctx->arena, sizeof(MIGSTYPE));
        ctx->peek_tok = migscanlex(ctx->peek_val, &ctx->peek_loc, scanner);
        ctx->has_peek = true;
        if (ctx->peek_tok == IN_P || ctx->peek_tok == LIKE || ctx->peek_tok == BETWEEN ||
            ctx->peek_tok == ILIKE)
            tok = NOT_LA;
    }
    if (tok == MIGEOF || ctx->stopped) {
        /* End of file sits just after the last token, on a line that exists. */
        struct parse_span end = ctx->last;
        end.first_line = end.last_line;
        end.first_column = end.last_column;
        end.first_off = end.last_off;
        end.last_column++;
        *loc = end;
        return MIGEOF;
    }
    ctx->last = *loc;
    ctx->recent[2] = ctx->recent[1];
    ctx->recent[1] = ctx->recent[0];
    ctx->recent[0] = tok;
    if (tok == DEFAULT)
        ctx->default_depth = ctx->brackets.n;
    else if (ctx->brackets.n < ctx->default_depth || tok == ';' ||
             (tok == ',' && ctx->brackets.n == ctx->default_depth))
        ctx->default_depth = -1;
    return tok;
}

static void migerror(MIGLTYPE *loc, yyscan_t scanner, struct parse_ctx *ctx, const char *msg)
{
    (void)scanner;
    /* Bison's own errors: the only one left is a parser stack overflow. */
    if (strcmp(msg, "memory exhausted") == 0)
        msg = "statement is nested too deeply";
    parse_syntax_error(ctx, *loc, "%s", msg);
}

/* ---- syntax error messages ------------------------------------------ */

/* The keywords are declared in one run, from "action" to "where". */
static bool is_keyword(yysymbol_kind_t k)
{
    return k >= YYSYMBOL_ACTION && k <= YYSYMBOL_WHERE;
}

/* How an expected token reads in a message. */
static const char *expected_text(struct parse_ctx *ctx, yysymbol_kind_t k)
{
    switch (k) {
    case YYSYMBOL_YYEOF: return "end of file";
    case YYSYMBOL_IDENT:
    case YYSYMBOL_QIDENT: return "name";
    case YYSYMBOL_ICONST: return "integer";
    case YYSYMBOL_FCONST: return "number";
    case YYSYMBOL_SCONST: return "string";
    case YYSYMBOL_DOLLAR: return "dollar-quoted string";
    case YYSYMBOL_DIGITWORD: return "revision id";
    case YYSYMBOL_NOT_LA: return "\"not\"";
    default: break;
    }
    /* Keywords and operators read as their alias, characters as 'c'. */
    const char *n = yysymbol_name(k);
    if (n[0] == '\'')
        return arena_printf(ctx->arena, "\"%c\"", n[1]);
    return arena_printf(ctx->arena, "\"%s\"", n);
}

/* The offending token as written, shortened to one line. */
static void describe_token(struct parse_ctx *ctx, yysymbol_kind_t k, const MIGLTYPE *loc,
                           struct strbuf *b)
{
    if (k == YYSYMBOL_YYEOF) {
        strbuf_puts(b, "end of file");
        return;
    }
    if (k == YYSYMBOL_DOLLAR) {
        strbuf_puts(b, "dollar-quoted string");
        return;
    }
    const char *text = ctx->src + loc->first_off;
    int len = loc->last_off - loc->first_off, max = 40;
    bool cut = false;
    for (int i = 0; i < len; i++)
        if (text[i] == '\n' || text[i] == '\r' || i == max) {
            len = i;
            cut = true;
            break;
        }
    if (k == YYSYMBOL_SCONST)
        strbuf_printf(b, "string %.*s%s", len, text, cut ? "..." : "");
    else if (k == YYSYMBOL_QIDENT)
        strbuf_printf(b, "%.*s%s", len, text, cut ? "...\"" : "");
    else
        strbuf_printf(b, "\"%.*s\"", len, text);
}

static bool expects(const yysymbol_kind_t *exp, int n, yysymbol_kind_t k)
{
    for (int i = 0; i < n; i++)
        if (exp[i] == k)
            return true;
    return false;
}

static bool expects_char(const yysymbol_kind_t *exp, int n, char c)
{
    for (int i = 0; i < n; i++) {
        const char *name = yysymbol_name(exp[i]);
        if (name[0] == '\'' && name[1] == c)
            return true;
    }
    return false;
}

/* Lists the expected tokens when they are few enough to help: a place
   where any expression or any name may come says so instead of listing
   every keyword. */
static void describe_expected(struct parse_ctx *ctx, const yysymbol_kind_t *exp, int n,
                              struct strbuf *b)
{
    const char *shown[8];
    int nshown = 0;
    bool any_name = expects(exp, n, YYSYMBOL_IDENT);
    bool any_expr = any_name && expects(exp, n, YYSYMBOL_ICONST) && expects(exp, n, YYSYMBOL_SCONST);
    bool any_rev = expects(exp, n, YYSYMBOL_DIGITWORD);
    if (any_expr) {
        shown[nshown++] = "expression";
    } else if (!any_name && !any_rev && expects(exp, n, YYSYMBOL_REVISION) &&
               expects(exp, n, YYSYMBOL_UPGRADE)) {
        /* Between the items of the file: name the group, not its keywords. */
        if (!parse_seen_item(ctx)) {
            shown[nshown++] = "\"revision\"";
        } else {
            for (int i = 0; i < n && nshown < 4; i++)
                if (exp[i] != YYSYMBOL_YYEOF && !is_keyword(exp[i]))
                    shown[nshown++] = expected_text(ctx, exp[i]);
            shown[nshown++] = "a header item or body";
        }
    } else {
        for (int i = 0; i < n; i++) {
            yysymbol_kind_t k = exp[i];
            if (any_rev && k != YYSYMBOL_DIGITWORD &&
                (k == YYSYMBOL_IDENT || k == YYSYMBOL_QIDENT || k == YYSYMBOL_ICONST ||
                 k == YYSYMBOL_FCONST || is_keyword(k)))
                continue;
            if (any_name && (is_keyword(k) || k == YYSYMBOL_QIDENT))
                continue;
            const char *t = expected_text(ctx, k);
            bool dup = false;
            for (int j = 0; j < nshown; j++)
                dup |= strcmp(shown[j], t) == 0;
            if (dup)
                continue;
            if (nshown == 6)
                return;
            shown[nshown++] = t;
        }
    }
    for (int i = 0; i < nshown; i++)
        strbuf_printf(b, "%s%s", i == 0 ? ", expected " : i == nshown - 1 ? " or " : ", ",
                      shown[i]);
}

/* Two mistakes the grammar's own message does not explain. */
static void hint_likely_cause(struct parse_ctx *ctx, yysymbol_kind_t tok)
{
    int kw = ctx->recent[1], before = ctx->recent[2];
    bool table_elem_start = before == '(' || before == ',';
    const struct stmt *head = parse_last_head(ctx);
    if (tok == YYSYMBOL_IDENT && table_elem_start && head && head->kind == STMT_CREATE_TABLE &&
        (kw == CHECK || kw == PRIMARY || kw == UNIQUE || kw == FOREIGN || kw == CONSTRAINT)) {
        const char *word = yysymbol_name(YYTRANSLATE(kw));
        diag_hint(ctx->diag, "In create table, \"%s\" begins a table constraint; write a column "
                  "named %s as \"%s\".", word, word, word);
        return;
    }
    bool boolean_op = tok == YYSYMBOL_AND || tok == YYSYMBOL_OR || tok == YYSYMBOL_IS ||
                      tok == YYSYMBOL_IN_P || tok == YYSYMBOL_LIKE || tok == YYSYMBOL_BETWEEN || tok == YYSYMBOL_ILIKE ||
                      tok == YYSYMBOL_NOT_LA || tok == YYSYMBOL_LE || tok == YYSYMBOL_GE ||
                      tok == YYSYMBOL_NE || expected_text(ctx, tok)[1] == '<' ||
                      expected_text(ctx, tok)[1] == '>' || expected_text(ctx, tok)[1] == '=';
    if (boolean_op && ctx->default_depth >= 0 && ctx->default_depth == ctx->brackets.n)
        diag_hint(ctx->diag, "A column default that compares or uses and, or, not, is, in, like "
                  "or between is written in parentheses.");
}

static int yyreport_syntax_error(const yypcontext_t *yyctx, yyscan_t scanner,
                                 struct parse_ctx *ctx)
{
    (void)scanner;
    if (ctx->stopped)
        return 0;
    yysymbol_kind_t tok = yypcontext_token(yyctx);
    const MIGLTYPE *loc = yypcontext_location(yyctx);
    yysymbol_kind_t exp[YYNTOKENS];
    int n = yypcontext_expected_tokens(yyctx, exp, YYNTOKENS);
    struct strbuf b = {0};
    strbuf_puts(&b, "syntax error: unexpected ");
    describe_token(ctx, tok, loc, &b);
    const struct parse_bracket *open =
        ctx->brackets.n ? VEC_AT(ctx->brackets, ctx->brackets.n - 1, const struct parse_bracket *) : NULL;
    char closer = open && open->ch == '(' ? ')' : '}';
    if (tok == YYSYMBOL_YYEOF && open && expects_char(exp, n, closer))
        strbuf_printf(&b, ", expected \"%c\" to close \"%c\" at line %d", closer, open->ch,
                      open->line);
    else
        describe_expected(ctx, exp, n, &b);
    parse_syntax_error(ctx, *loc, "%s", strbuf_str(&b));
    strbuf_free(&b);
    hint_likely_cause(ctx, tok);
    return 0;
}

/* ---- tree building -------------------------------------------------- */

/* The builders only build: what they build that parse_check looks at
   goes into ctx->nodes as well. What only the parse and parse_check read
   lives in ctx->scratch. */

static struct ident *mk_name(struct parse_ctx *ctx, const char *text, bool fold, MIGLTYPE at)
{
    struct ident *id = ident_new(ctx->arena, fold ? arena_strlower(ctx->arena, text) : text, LOC(at));
    parse_node_add(ctx, PNODE_NAME, id);
    return id;
}

static struct ident *mk_revid(struct parse_ctx *ctx, const char *text, MIGLTYPE at, bool label)
{
    struct ident *id = ident_new(ctx->arena, text, LOC(at));
    parse_node_add(ctx, label ? PNODE_LABEL : PNODE_REVID, id);
    return id;
}

static struct vec *mk_list(struct parse_ctx *ctx, void *first)
{
    struct vec *v = arena_alloc(ctx->arena, sizeof *v);
    vec_push(ctx->arena, v, first);
    return v;
}

static struct expr *mk_expr(struct parse_ctx *ctx, enum expr_kind kind, const char *text, MIGLTYPE at)
{
    struct expr *e = expr_new(ctx->arena, kind, LOC(at));
    e->text = text;
    return e;
}

static struct expr *mk_op(struct parse_ctx *ctx, enum expr_kind kind, enum expr_op op, MIGLTYPE at,
                          int nargs, ...)
{
    struct expr *e = expr_new(ctx->arena, kind, LOC(at));
    e->op = op;
    const struct expr **args = arena_alloc(ctx->arena, sizeof *args * (size_t)nargs);
    va_list ap;
    va_start(ap, nargs);
    for (int i = 0; i < nargs; i++)
        args[i] = va_arg(ap, const struct expr *);
    va_end(ap);
    e->args = args;
    e->nargs = nargs;
    return e;
}

static struct expr *mk_in(struct parse_ctx *ctx, struct expr *lhs, struct vec *list, bool negated,
                          MIGLTYPE at)
{
    struct expr *e = expr_new(ctx->arena, EXPR_IN, LOC(at));
    const struct expr **args = arena_alloc(ctx->arena, sizeof *args * (size_t)(list->n + 1));
    args[0] = lhs;
    for (int i = 0; i < list->n; i++)
        args[i + 1] = VEC_AT(*list, i, const struct expr *);
    e->args = args;
    e->nargs = list->n + 1;
    e->negated = negated;
    return e;
}

static struct parse_type *mk_type(struct parse_ctx *ctx, const char *name, MIGLTYPE name_at,
                                  struct vec *params, MIGLTYPE at)
{
    struct parse_type *t = arena_alloc(&ctx->scratch, sizeof *t);
    t->name = arena_strlower(ctx->arena, name);
    t->name_loc = LOC(name_at);
    t->loc = LOC(at);
    int n = params ? params->n : 0;
    t->params = arena_alloc(&ctx->scratch, sizeof *t->params * (size_t)(n + 1));
    t->param_locs = arena_alloc(&ctx->scratch, sizeof *t->param_locs * (size_t)(n + 1));
    for (int i = 0; i < n; i++) {
        const struct ident *p = VEC_AT(*params, i, const struct ident *);
        t->params[i] = p->name;
        t->param_locs[i] = p->loc;
    }
    t->nparams = n;
    parse_node_add(ctx, PNODE_TYPE, t);
    return t;
}

/* The type is resolved later (parse_check), through ts->into. */
static struct expr *mk_cast(struct parse_ctx *ctx, struct expr *e, struct parse_type *ts,
                            bool typecast, MIGLTYPE at)
{
    struct expr *c = mk_op(ctx, EXPR_CAST, typecast ? OP_TYPECAST : OP_NONE, at, 1, e);
    ts->into = &c->type;
    c->type_loc = ts->loc;
    return c;
}

static struct expr *mk_case(struct parse_ctx *ctx, struct expr *arg, struct vec *whens,
                            struct expr *els, MIGLTYPE at)
{
    struct expr *e = expr_new(ctx->arena, EXPR_CASE, LOC(at));
    int n = 1 + whens->n + (els ? 1 : 0);
    const struct expr **args = arena_alloc(ctx->arena, sizeof *args * (size_t)n);
    args[0] = arg;
    for (int i = 0; i < whens->n; i++)
        args[i + 1] = VEC_AT(*whens, i, const struct expr *);
    if (els)
        args[n - 1] = els;
    e->args = args;
    e->nargs = n;
    return e;
}

static struct parse_colcon *mk_colcon(struct parse_ctx *ctx, enum parse_colcon_kind kind, MIGLTYPE at)
{
    struct parse_colcon *cc = arena_alloc(&ctx->scratch, sizeof *cc);
    cc->kind = kind;
    cc->loc = LOC(at);
    return cc;
}

static struct constraint_def *mk_con(struct parse_ctx *ctx, enum constraint_kind kind, MIGLTYPE at)
{
    struct constraint_def *c = arena_alloc(ctx->arena, sizeof *c);
    c->kind = kind;
    c->loc = LOC(at);
    return c;
}

static struct constraint_def *mk_fk(struct parse_ctx *ctx, struct vec *cols, struct ident *table,
                                    struct vec *ref_cols, struct parse_fkacts *acts, MIGLTYPE at)
{
    struct constraint_def *c = mk_con(ctx, CON_FOREIGN_KEY, at);
    if (cols)
        c->cols = *cols;
    c->ref_table = *table;
    if (ref_cols)
        c->ref_cols = *ref_cols;
    c->on_delete = acts->on_delete;
    c->on_update = acts->on_update;
    return c;
}

static struct parse_fkacts *mk_fkacts(struct parse_ctx *ctx)
{
    struct parse_fkacts *acts = arena_alloc(&ctx->scratch, sizeof *acts);
    parse_node_add(ctx, PNODE_FKACTS, acts);
    return acts;
}

/* The last action written for each of on delete and on update counts. */
static struct parse_fkacts *add_fk_action(struct parse_ctx *ctx, struct parse_fkacts *acts,
                                          bool on_delete, int action, MIGLTYPE at)
{
    struct parse_fk_action *a = arena_alloc(&ctx->scratch, sizeof *a);
    a->on_delete = on_delete;
    a->loc = LOC(at);
    vec_push(&ctx->scratch, &acts->written, a);
    *(on_delete ? &acts->on_delete : &acts->on_update) = (enum fk_action)action;
    return acts;
}

/* Applies the column constraints in the order written; the last default
   counts. */
static struct column_def *mk_column(struct parse_ctx *ctx, struct ident *name, struct parse_type *ts,
                                    struct vec *colcons, MIGLTYPE at)
{
    struct column_def *col = arena_alloc(ctx->arena, sizeof *col);
    col->name = *name;
    ts->into = &col->type;
    col->type_loc = ts->loc;
    col->loc = LOC(at);
    for (int i = 0; i < colcons->n; i++) {
        struct parse_colcon *cc = VEC_AT(*colcons, i, struct parse_colcon *);
        col->not_null |= cc->kind == CC_NOT_NULL ||
                         (cc->kind == CC_CONSTRAINT && cc->con->kind == CON_PRIMARY_KEY);
        switch (cc->kind) {
        case CC_NOT_NULL:
        case CC_NULL:
            break;
        case CC_IDENTITY:
            col->identity = true;
            break;
        case CC_DEFAULT:
            col->dflt = cc->dflt;
            break;
        case CC_CONSTRAINT:
            cc->con->inline_ = true;
            vec_push(ctx->arena, &cc->con->cols, ident_new(ctx->arena, col->name.name, col->name.loc));
            vec_push(ctx->arena, &col->constraints, cc->con);
            break;
        case CC_GENERATED:
            col->generated = cc->dflt;
            col->generated_loc = cc->loc;
            break;
        case CC_ATTR:
            /* To the constraint before it (past other attributes);
               parse_check reports a misplaced one. */
            for (int j = i - 1; j >= 0; j--) {
                struct parse_colcon *prev = VEC_AT(*colcons, j, struct parse_colcon *);
                if (prev->kind == CC_ATTR)
                    continue;
                if (prev->kind == CC_CONSTRAINT)
                    con_add_attr(prev->con, (int)cc->attr, cc->loc);
                break;
            }
            break;
        }
    }
    struct parse_column *pc = arena_alloc(&ctx->scratch, sizeof *pc);
    pc->col = col;
    pc->colcons = colcons;
    parse_node_add(ctx, PNODE_COLUMN, pc);
    return col;
}

/* One column or one table constraint. */
static struct parse_elems *mk_elems(struct parse_ctx *ctx, struct column_def *col,
                                    struct constraint_def *con)
{
    struct parse_elems *e = arena_alloc(&ctx->scratch, sizeof *e);
    if (col)
        vec_push(&ctx->scratch, &e->columns, col);
    if (con)
        vec_push(&ctx->scratch, &e->constraints, con);
    return e;
}

/* Appends from to to (NULL: a new list); the lists go into the tree. */
static struct parse_elems *join_elems(struct parse_ctx *ctx, struct parse_elems *to,
                                      const struct parse_elems *from)
{
    if (!to)
        to = arena_alloc(&ctx->scratch, sizeof *to);
    for (int i = 0; i < from->columns.n; i++)
        vec_push(ctx->arena, &to->columns, from->columns.items[i]);
    for (int i = 0; i < from->constraints.n; i++)
        vec_push(ctx->arena, &to->constraints, from->constraints.items[i]);
    return to;
}

static struct alter_action *mk_action(struct parse_ctx *ctx, enum alter_kind kind, struct ident *name,
                                      MIGLTYPE at)
{
    struct alter_action *a = arena_alloc(ctx->arena, sizeof *a);
    a->kind = kind;
    if (name)
        a->name = *name;
    a->loc = LOC(at);
    return a;
}

/* The start of a create table, alter table or create index, once its
   head is read (table is NULL for an index). */
static struct stmt *mk_head(struct parse_ctx *ctx, enum stmt_kind kind, struct ident *table,
                            MIGLTYPE at)
{
    struct stmt *s = stmt_new(ctx->arena, kind, LOC(at));
    if (table)
        s->table = *table;
    parse_node_add(ctx, PNODE_HEAD, s);
    return s;
}

static struct stmt *mk_insert(struct parse_ctx *ctx, struct ident *table, struct vec *cols,
                              struct vec *rows, MIGLTYPE at)
{
    struct stmt *s = stmt_new(ctx->arena, STMT_INSERT, LOC(at));
    s->table = *table;
    s->cols = *cols;
    s->rows = *rows;
    parse_node_add(ctx, PNODE_INSERT, s);
    return s;
}

/* A header item or a body's opening: at is its keyword, span the item
   or its value. */
static struct parse_item_node *mk_item(struct parse_ctx *ctx, enum parse_item item, MIGLTYPE at,
                                       MIGLTYPE span)
{
    struct parse_item_node *it = arena_alloc(&ctx->scratch, sizeof *it);
    it->item = item;
    it->loc = LOC(at);
    it->span = LOC(span);
    parse_node_add(ctx, PNODE_ITEM, it);
    return it;
}

/* Records one constraint attribute as written; parse_check reports the
   combinations PostgreSQL refuses. The last deferrable and initially
   clause written counts. */
static void con_add_attr(struct constraint_def *into, int attr, struct loc loc)
{
    if (attr == ATTR_NOT_VALID) {
        into->not_valid = true;
        into->not_valid_loc = loc;
        return;
    }
    if (!into->deferrable && !into->initially)
        into->deferrable_loc = loc;
    switch (attr) {
    case ATTR_DEFERRABLE: into->deferrable = 1; break;
    case ATTR_NOT_DEFERRABLE: into->deferrable = -1; break;
    case ATTR_INITIALLY_DEFERRED: into->initially = 1; break;
    default: into->initially = -1; break;
    }
}

static void con_set_attrs(struct constraint_def *c, const struct constraint_def *attrs)
{
    if (!attrs)
        return;
    c->deferrable = attrs->deferrable;
    c->initially = attrs->initially;
    c->deferrable_loc = attrs->deferrable_loc;
    c->not_valid = attrs->not_valid;
    c->not_valid_loc = attrs->not_valid_loc;
}

static void set_elem_options(struct parse_ctx *ctx, struct index_elem *e,
                             const struct ident *opclass, int nulls, MIGLTYPE nulls_at)
{
    if (opclass) {
        e->opclass = opclass->name;
        e->opclass_loc = opclass->loc;
    }
    e->nulls = nulls;
    if (nulls)
        e->nulls_loc = LOC(nulls_at);
}
