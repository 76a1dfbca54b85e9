/* The syntax tree of one .mig file, as the parser builds it. Every node
   lives in the compiler's arena and is immutable once parsing is done:
   the schema model and the renderers share nodes (a column's default
   expression, a check's expression) without copying them.

   Names: the parser stores every name as it will be compared and rendered:
   an unquoted name folded to lower case, a quoted name with its spelling.
   Names compare case-insensitively everywhere (name_eq), because SQLite
   cannot tell "Users" from "users". */
#ifndef MIGC_AST_H
#define MIGC_AST_H

#include <stdbool.h>
#include <stdint.h>

#include "arena.h"
#include "diag.h"

struct ident {
    const char *name;
    struct loc loc;
};

/* ---- types ---------------------------------------------------------- */

enum type_kind {
    TYPE_SMALLINT, TYPE_INTEGER, TYPE_BIGINT,
    TYPE_BOOLEAN,
    TYPE_REAL, TYPE_DOUBLE,
    TYPE_NUMERIC,
    TYPE_VARCHAR, TYPE_CHAR, TYPE_TEXT,
    TYPE_DATE, TYPE_TIME, TYPE_TIMESTAMP, TYPE_TIMESTAMPTZ,
    TYPE_UUID,
    TYPE_JSON, TYPE_JSONB,
    TYPE_BLOB,
    /* LANGUAGE.md "More types" */
    TYPE_TIMETZ,
    TYPE_SERIAL, TYPE_SMALLSERIAL, TYPE_BIGSERIAL,
    TYPE_DATETIME,
    TYPE_INTERVAL, TYPE_INET, TYPE_CIDR, TYPE_MACADDR, TYPE_TSVECTOR, TYPE_TSQUERY,
    TYPE_MONEY, TYPE_XML,
    TYPE_NATIVE,               /* native 'TEXT': struct type's native */
    TYPE_ENUM,                 /* a type made by create type ... as enum: named */
};
#define TYPE_NKINDS (TYPE_ENUM + 1)

/* p and s are -1 when not given: numeric(p[,s]), varchar(n) and char(n)
   use p; only numeric uses s; time, timetz, timestamp, timestamptz and
   interval use p for their fractional-second precision. named is the enum
   type's name for TYPE_ENUM (as the schema spells it once replayed), else
   NULL. */
struct type {
    enum type_kind kind;
    int p, s;
    bool array;                /* T[] (PostgreSQL only) */
    const char *native;        /* TYPE_NATIVE: the type as written, else NULL */
    const char *named;
};

/* ---- expressions ---------------------------------------------------- */

enum expr_kind {
    EXPR_NULL,
    EXPR_TRUE,
    EXPR_FALSE,
    EXPR_INT,          /* text: the digits as written */
    EXPR_NUMBER,       /* text: a decimal literal as written (1.5, 2e3) */
    EXPR_STRING,       /* text: the value, quotes removed and '' undone */
    EXPR_COLUMN,       /* text: the column name */
    EXPR_CURRENT_TIMESTAMP,
    EXPR_CURRENT_DATE,
    EXPR_CURRENT_TIME,
    EXPR_FUNC,         /* text: function name (folded); args */
    EXPR_UNARY,        /* op: OP_NEG, OP_PLUS, OP_NOT; args[0] */
    EXPR_BINARY,       /* op; args[0], args[1] */
    EXPR_IS_NULL,      /* args[0]; negated: IS NOT NULL */
    EXPR_IN,           /* args[0] [NOT] IN (args[1..]) */
    EXPR_LIKE,         /* args[0] [NOT] LIKE args[1] */
    EXPR_BETWEEN,      /* args[0] [NOT] BETWEEN args[1] AND args[2] */
    EXPR_PAREN,        /* (args[0]): kept so output keeps the author's grouping */
    EXPR_CAST,         /* cast(args[0] as type); op OP_TYPECAST: written args[0]::type */
    /* case [args[0]] when args[1] then args[2] ... [else args[nargs-1]] end:
       args[0] is NULL in the searched form; an else is there when nargs is
       even. */
    EXPR_CASE,
    EXPR_EXTRACT,      /* extract(text from args[0]); text: the field, lower case */
    EXPR_INTERVAL,     /* interval 'text' (PostgreSQL only) */
    EXPR_ARRAY,        /* array[args...] (PostgreSQL only) */
    EXPR_ANY,          /* args[0] op any (args[1]) (PostgreSQL only) */
    EXPR_ALL,          /* args[0] op all (args[1]) (PostgreSQL only) */
};

enum expr_op {
    OP_NONE,
    OP_OR, OP_AND, OP_NOT,
    OP_EQ, OP_NE, OP_LT, OP_LE, OP_GT, OP_GE,
    OP_CONCAT,
    OP_ADD, OP_SUB, OP_MUL, OP_DIV, OP_MOD,
    OP_NEG, OP_PLUS,
    OP_TYPECAST,                               /* EXPR_CAST written with :: */
    OP_ILIKE,                                  /* EXPR_LIKE written ilike */
    /* PostgreSQL only: ~ ~* !~ !~* -> ->> #> #>> @> <@ ? */
    OP_REGEX, OP_REGEX_I, OP_NREGEX, OP_NREGEX_I,
    OP_JSON_GET, OP_JSON_GET_TEXT, OP_JSON_PATH, OP_JSON_PATH_TEXT,
    OP_CONTAINS, OP_CONTAINED, OP_JSON_HAS,
};

struct expr {
    enum expr_kind kind;
    enum expr_op op;
    bool negated;              /* IS NOT NULL, NOT IN, NOT LIKE, NOT BETWEEN */
    const char *text;          /* also the precision of current_timestamp(p), or NULL */
    const struct expr **args;
    int nargs;
    struct type type;          /* EXPR_CAST: the type cast to */
    struct loc type_loc;       /* EXPR_CAST: where that type is written */
    struct loc loc;
};

/* ---- table elements ------------------------------------------------- */

enum fk_action {
    FK_NONE,                   /* not written: the database's default (no action) */
    FK_NO_ACTION, FK_RESTRICT, FK_CASCADE, FK_SET_NULL, FK_SET_DEFAULT,
};

enum constraint_kind {
    CON_PRIMARY_KEY, CON_UNIQUE, CON_FOREIGN_KEY, CON_CHECK,
};

/* A table constraint, or a column constraint other than not null / null /
   identity / default: the parser turns `email text unique` into a
   CON_UNIQUE constraint_def on (email) attached to that column_def.
   name.name is NULL when no name was written; the model gives PostgreSQL's
   default name. */
struct constraint_def {
    enum constraint_kind kind;
    struct ident name;
    struct vec cols;           /* struct ident *: own columns (not for CHECK) */
    struct ident ref_table;    /* FOREIGN KEY */
    struct vec ref_cols;       /* struct ident *: empty = the referenced primary key */
    enum fk_action on_delete, on_update;
    const struct expr *check;  /* CHECK */
    bool inline_;              /* written on a column definition */
    struct loc loc;            /* the whole constraint */
    /* As written: 1 deferrable, -1 not deferrable, 0 neither; initially:
       1 deferred, -1 immediate, 0 neither (deferred implies deferrable). */
    int deferrable, initially;
    struct loc deferrable_loc; /* the first of those clauses */
    bool not_valid;            /* not valid (alter table add only) */
    struct loc not_valid_loc;
    bool nulls_not_distinct;   /* unique nulls not distinct */
    struct loc nulls_loc;
};

struct column_def {
    struct ident name;
    struct type type;
    struct loc type_loc;
    bool not_null;             /* not null, or primary key */
    bool identity;
    const struct expr *dflt;   /* NULL: no default */
    struct vec constraints;    /* struct constraint_def *, each with cols = [name] */
    struct loc loc;            /* the whole definition */
    const struct expr *generated; /* generated always as (expr) stored, or NULL */
    struct loc generated_loc;
};

/* ---- statements ----------------------------------------------------- */

enum alter_kind {
    ALTER_ADD_COLUMN,          /* column */
    ALTER_DROP_COLUMN,         /* name */
    ALTER_RENAME_COLUMN,       /* name -> new_name */
    ALTER_TYPE,                /* name, type, type_loc, expr = using (or NULL) */
    ALTER_SET_NOT_NULL,        /* name */
    ALTER_DROP_NOT_NULL,       /* name */
    ALTER_SET_DEFAULT,         /* name, expr */
    ALTER_DROP_DEFAULT,        /* name */
    ALTER_ADD_CONSTRAINT,      /* constraint */
    ALTER_DROP_CONSTRAINT,     /* name */
    ALTER_VALIDATE_CONSTRAINT, /* name */
    /* Never parsed: the derived downgrade of validate constraint, which
       drops the constraint and adds it back not valid (PostgreSQL cannot
       unvalidate one otherwise); constraint is its definition. */
    ALTER_INVALIDATE_CONSTRAINT,
};

struct alter_action {
    enum alter_kind kind;
    struct ident name;
    struct ident new_name;
    struct column_def *column;
    struct constraint_def *constraint;
    struct type type;
    struct loc type_loc;
    const struct expr *expr;
    struct loc loc;            /* the whole action */
};

struct index_elem {
    struct ident column;       /* column.name NULL when expr is set */
    const struct expr *expr;   /* (expr) elements */
    bool desc, asc;            /* as written; neither = default order */
    struct loc loc;
    const char *opclass;       /* operator class, or NULL for the default */
    struct loc opclass_loc;
    int nulls;                 /* 0 not written, 1 nulls first, 2 nulls last */
    struct loc nulls_loc;
};

enum stmt_kind {
    STMT_CREATE_TABLE,   /* table, columns, constraints */
    STMT_DROP_TABLE,     /* table */
    STMT_RENAME_TABLE,   /* table -> new_name */
    STMT_ALTER_TABLE,    /* table, actions */
    STMT_CREATE_INDEX,   /* name, table, unique, concurrently, elems, where,
                            method, include */
    STMT_DROP_INDEX,     /* name */
    STMT_CREATE_VIEW,    /* name, body, sql_dialect (one dialect's view), materialized,
                            no_data */
    STMT_DROP_VIEW,      /* name, sql_dialect (that dialect's version only), materialized */
    STMT_INSERT,         /* table, cols, rows */
    STMT_SQL,            /* sql_dialect, body */
    /* Never parsed: the inverse of an insert in a derived downgrade.
       table, cols = the primary key's columns, rows = their values. */
    STMT_DELETE,
    STMT_CREATE_TYPE,    /* name, values: create type N as enum (...) */
    STMT_DROP_TYPE,      /* name */
    STMT_ADD_VALUE,      /* name, value, anchor (name NULL: at the end), after */
    STMT_RENAME_VALUE,   /* name, value -> new_value */
    STMT_RENAME_TYPE,    /* name -> new_name */
    /* Never parsed: the inverse of add value in a derived downgrade.
       name, value. */
    STMT_DROP_VALUE,
    STMT_CREATE_EXTENSION, /* name, if_not_exists, schema (name NULL: not written) */
    STMT_DROP_EXTENSION,   /* name */
    STMT_COMMENT,          /* table, name (a column; name NULL: the table), comment */
    STMT_REFRESH_VIEW,     /* name, concurrently: refresh materialized view */
};

struct stmt {
    enum stmt_kind kind;
    struct ident table;
    struct ident name;         /* index / view name */
    struct ident new_name;     /* rename table */
    struct vec columns;        /* struct column_def *      (create table) */
    struct vec constraints;    /* struct constraint_def *  (create table, table-level) */
    struct vec actions;        /* struct alter_action *    (alter table) */
    bool unique, concurrently; /* create index */
    struct vec elems;          /* struct index_elem *      (create index) */
    const struct expr *where;  /* create index ... where (expr) */
    struct ident method;       /* create index ... using METHOD; name NULL: not written */
    struct vec include;        /* struct ident *: create index ... include (cols) */
    struct vec cols;           /* struct ident *           (insert, delete) */
    struct vec rows;           /* struct vec * of const struct expr * (insert, delete) */
    const char *sql_dialect;   /* sql block or view for one dialect: its name (dialect.h);
                                  NULL: all */
    const char *body;          /* view body / sql block, without the dollar quotes */
    struct loc body_loc;
    struct loc loc;            /* first token of the statement */
    /* enum types: values holds struct ident * whose name is a value (a
       string, not an SQL name); value, new_value and anchor likewise. */
    struct vec values;
    struct ident value, new_value, anchor;
    bool after;                /* add value ... after anchor (else before) */
    bool if_not_exists;        /* create extension if not exists */
    struct ident schema;       /* create extension ... schema S */
    const char *comment;       /* comment on ... is '...'; NULL: is null */
    bool materialized;         /* create / drop materialized view */
    bool no_data;              /* create materialized view ... with no data */
};

/* ---- a migration file ----------------------------------------------- */

enum downgrade_kind {
    DOWNGRADE_DERIVED,         /* no downgrade written: the compiler inverts the upgrade */
    DOWNGRADE_EXPLICIT,        /* downgrade { ... } (may be empty) */
    DOWNGRADE_IRREVERSIBLE,    /* downgrade irreversible; */
};

struct migration {
    const char *file;          /* path as shown in diagnostics (relative to the cwd) */
    struct ident revision;     /* name NULL when missing */
    bool has_revises;
    bool revises_base;         /* revises base */
    struct vec revises;        /* struct ident *: parent ids */
    struct loc revises_loc;
    const char *message;       /* NULL when missing */
    struct loc message_loc;
    const char *created;       /* NULL when not given */
    struct loc created_loc;
    struct vec branches;       /* struct ident *: branch labels */
    struct vec depends_on;     /* struct ident * */
    bool transaction_none;
    struct loc transaction_loc;
    bool has_upgrade;
    struct vec upgrade;        /* struct stmt * */
    struct loc upgrade_loc;
    enum downgrade_kind downgrade_kind;
    struct vec downgrade;      /* struct stmt * (DOWNGRADE_EXPLICIT) */
    struct loc downgrade_loc;
    struct loc loc;            /* start of the file, for file-level diagnostics */
};

/* ---- helpers (ast.c) ------------------------------------------------ */

/* Case-insensitive (ASCII) name comparison; both may be NULL. */
bool name_eq(const char *a, const char *b);
/* Order for sorted output: case-insensitive, then bytewise. */
int name_cmp(const char *a, const char *b);
/* Two name lists (column lists) equal element by element under name_eq. */
bool names_eq(const char *const *x, int nx, const char *const *y, int ny);

bool type_eq(const struct type *a, const struct type *b);
/* Structural equality, ignoring locations and EXPR_PAREN wrappers.
   Either may be NULL (equal only when both are). */
bool expr_eq(const struct expr *a, const struct expr *b);
/* Skips EXPR_PAREN wrappers. */
const struct expr *expr_strip(const struct expr *e);
/* True when e (which may be NULL) refers to column col anywhere in it. */
bool expr_uses_column(const struct expr *e, const char *col);

/* Whether extract() knows field (lower case); *portable tells whether
   SQLite can compute it too (year, month, day, hour, minute, second, dow,
   doy, epoch). */
bool expr_extract_field(const char *field, bool *portable);

/* True when e itself (not its operands) is what LANGUAGE.md marks
   PostgreSQL only: interval literals, ilike, array[...], any/all (...),
   the regular-expression and JSON operators, extract of a field SQLite
   cannot compute. e may not be NULL. */
bool expr_pg_only(const struct expr *e);
/* True when e (which may be NULL) or any operand of it is. */
bool expr_uses_pg_only(const struct expr *e);

/* Constructors used by the parser and by derived downgrades. */
struct expr *expr_new(struct arena *a, enum expr_kind kind, struct loc loc);
struct stmt *stmt_new(struct arena *a, enum stmt_kind kind, struct loc loc);
struct ident *ident_new(struct arena *a, const char *name, struct loc loc);

#endif
