#include "alembic.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "author.h"
#include "dialect.h"
#include "fmt.h"
#include "parse.h"
#include "placeholder.h"
#include "py_parse.h"
#include "render.h"
#include "sqlhead.h"

/* A name the function body bound to something the converter can follow:
   `t = sa.table('t', ...)` (for bulk_insert), `bind = op.get_bind()`. */
struct binding {
    const char *name;
    const char *table;         /* NULL: a connection, a migration context or a MetaData */
    bool metadata;             /* sa.MetaData(): reflecting into it changes nothing */
};

/* An enum type an Enum column of this file names. */
struct conv_enum {
    const char *name;
    const char *decl;          /* its create type statement; NULL: create_type=False */
    const char *table;         /* the create_table or add_column that created it, or NULL */
    const char *column;        /* of add_column; NULL for create_table */
    bool dropped;
};

struct conv {
    struct arena *a;
    struct diag *d;
    const char *file;          /* as diagnostics name it */
    const char *shown;         /* as the .mig comments name it */
    const struct py_module *mod;
    struct strbuf *out;        /* the body being written */
    int unresolved, converted;
    int data_ops;              /* of converted: inserts and sql blocks that declare nothing */
    int sql_blocks;            /* of data_ops: the sql blocks, which no downgrade can derive */
    bool concurrently;         /* a create index concurrently was written */
    struct vec bindings;       /* struct binding *: the module's, then the function's */
    int module_bindings;       /* how many of bindings the module level made */
    struct vec inlined;        /* const char *: helper functions being read in place */
    const char *batch_var;     /* `as batch_op` of the enclosing batch block */
    const char *batch_table;
    const struct dialect *target;  /* the one dialect the enclosing if runs on; NULL: all */
    const char *why;           /* why the op being converted could not be */
    struct vec notes;          /* const char *: what a converted op left out */
    bool postgres_only;        /* a type or object only PostgreSQL has was written */
    struct vec enums;          /* struct conv_enum *: in the order first named */
};

/* ---- reading the tree ---------------------------------------------------- */

/* The last name of a dotted path: Column for sa.Column, name for name. */
static const char *last_name(const struct py_expr *e)
{
    if (!e)
        return NULL;
    if (e->kind == PY_NAME || e->kind == PY_ATTR)
        return e->text;
    return NULL;
}

static bool is_call(const struct py_expr *e, const char *name)
{
    return e && e->kind == PY_CALL && last_name(e->base) && strcmp(last_name(e->base), name) == 0;
}

/* The pos-th positional argument (from 0), else the keyword argument kw
   (either may be -1 / NULL). NULL when absent. */
static const struct py_expr *arg(const struct py_expr *call, int pos, const char *kw)
{
    int k = 0;
    for (int i = 0; i < call->items.n; i++) {
        const struct py_arg *a = VEC_AT(call->items, i, const struct py_arg *);
        if (!a->kw) {
            if (k++ == pos)
                return a->value;
        } else if (kw && strcmp(a->kw, kw) == 0) {
            return a->value;
        }
    }
    return NULL;
}

/* arg(), but None counts as not given (schema=None is the default). */
static const struct py_expr *given(const struct py_expr *call, const char *kw)
{
    const struct py_expr *e = arg(call, -1, kw);
    return e && e->kind != PY_NONE ? e : NULL;
}

static int npositional(const struct py_expr *call)
{
    int n = 0;
    for (int i = 0; i < call->items.n; i++)
        n += VEC_AT(call->items, i, const struct py_arg *)->kw == NULL;
    return n;
}

/* The keyword arguments of call not in known (a NULL-terminated list),
   dialect options for dialects migc does not target aside. */
static const char *unknown_kw(const struct py_expr *call, const char *const *known)
{
    static const char *const ignored[] = {"mysql_", "mariadb_", "mssql_", "oracle_", NULL};
    for (int i = 0; i < call->items.n; i++) {
        const struct py_arg *a = VEC_AT(call->items, i, const struct py_arg *);
        if (!a->kw)
            continue;
        if (strcmp(a->kw, "*") == 0 || strcmp(a->kw, "**") == 0)
            return a->kw;
        bool ok = false;
        for (int j = 0; known[j] && !ok; j++)
            ok = strcmp(a->kw, known[j]) == 0;
        for (int j = 0; ignored[j] && !ok; j++)
            ok = strncmp(a->kw, ignored[j], strlen(ignored[j])) == 0;
        if (!ok)
            return a->kw;
    }
    return NULL;
}

/* A string the file spells out: a literal (an f-string only without
   fields), op.f('x'), sa.text('x'), conv('x'). NULL otherwise. */
static const char *str_of(const struct py_expr *e)
{
    if (!e)
        return NULL;
    if (e->kind == PY_STR && !e->bytes && !(e->fstring && strpbrk(e->text, "{}")))
        return e->text;
    if ((is_call(e, "f") || is_call(e, "text") || is_call(e, "conv")) && e->items.n == 1 &&
        !VEC_AT(e->items, 0, const struct py_arg *)->kw)
        return str_of(VEC_AT(e->items, 0, const struct py_arg *)->value);
    return NULL;
}

static bool is_true(const struct py_expr *e)
{
    return e && e->kind == PY_TRUE;
}

/* ---- writing .mig text --------------------------------------------------- */

static const char *name(struct conv *c, const char *n)
{
    return render_name(c->a, n);
}

/* A list of names "(a, b)" from a list or tuple of strings; NULL when an
   element is not a string. */
static const char *name_list(struct conv *c, const struct py_expr *e)
{
    if (!e)
        return NULL;
    if (str_of(e))
        return arena_printf(c->a, "(%s)", name(c, str_of(e)));
    if (e->kind != PY_LIST && e->kind != PY_TUPLE)
        return NULL;
    struct strbuf b = {0};
    strbuf_putc(&b, '(');
    for (int i = 0; i < e->items.n; i++) {
        const char *s = str_of(VEC_AT(e->items, i, const struct py_expr *));
        if (!s) {
            strbuf_free(&b);
            return NULL;
        }
        strbuf_printf(&b, "%s%s", i ? ", " : "", name(c, s));
    }
    strbuf_putc(&b, ')');
    return strbuf_to_arena(&b, c->a);
}

/* SQL expression text (a server default, a check, an index expression)
   as a .mig expression: parsed by the .mig parser itself inside a probe
   file, and written back by its renderer, so that text which is not one
   expression (or would break out of it) is refused rather than passed on.
   NULL when it does not parse. */
static const char *sql_expr(struct conv *c, const char *text)
{
    if (strchr(text, '\n') || strchr(text, '\r'))
        return NULL;
    const char *probe = arena_printf(
        c->a, "revision probe\nrevises base\nmessage 'probe'\nupgrade {\n"
              "create table probe (c text default (%s));\n}\n", text);
    struct diag quiet;
    diag_init(&quiet, c->a);
    quiet.quiet_warnings = true;
    struct migration *m = parse_migration(c->a, &quiet, "probe", probe, strlen(probe));
    if (quiet.errors || m->upgrade.n != 1)
        return NULL;
    const struct stmt *st = VEC_AT(m->upgrade, 0, const struct stmt *);
    if (st->kind != STMT_CREATE_TABLE || st->columns.n != 1 || st->constraints.n)
        return NULL;
    const struct column_def *col = VEC_AT(st->columns, 0, const struct column_def *);
    if (!col->dflt || col->constraints.n || col->not_null || col->identity)
        return NULL;
    return render_mig_expr(c->a, expr_strip(col->dflt));
}

/* A Python value as a .mig literal: strings, numbers, None, True, False. */
static const char *literal(struct conv *c, const struct py_expr *e)
{
    const char *s = str_of(e);
    if (s && e->kind == PY_STR)
        return render_string(c->a, s);
    switch (e->kind) {
    case PY_NONE: return "null";
    case PY_TRUE: return "true";
    case PY_FALSE: return "false";
    case PY_NUM:
        if (strpbrk(e->text, "xXoObBjJ_"))
            return NULL;
        return e->text;
    case PY_UNARY:
        if (strcmp(e->text, "-") == 0 &&
            VEC_AT(e->items, 0, const struct py_expr *)->kind == PY_NUM) {
            const char *n = literal(c, VEC_AT(e->items, 0, const struct py_expr *));
            return n ? arena_printf(c->a, "-%s", n) : NULL;
        }
        return NULL;
    default:
        return NULL;
    }
}

/* server_default=: a string is a literal, sa.text(...) and
   sa.func.f() are SQL expressions, sa.true()/sa.false() booleans. */
static const char *server_default(struct conv *c, const struct py_expr *e)
{
    if (e->kind == PY_STR)
        return str_of(e) ? render_string(c->a, str_of(e)) : NULL;
    if (is_call(e, "text") || is_call(e, "literal_column"))
        return str_of(VEC_AT(e->items, 0, const struct py_arg *)->value) && e->items.n == 1
                   ? sql_expr(c, str_of(VEC_AT(e->items, 0, const struct py_arg *)->value))
                   : NULL;
    if (is_call(e, "true") && e->items.n == 0)
        return "true";
    if (is_call(e, "false") && e->items.n == 0)
        return "false";
    if (e->kind == PY_CALL && e->items.n == 0 && e->base->kind == PY_ATTR && e->base->base &&
        last_name(e->base->base) && strcmp(last_name(e->base->base), "func") == 0)
        return sql_expr(c, arena_printf(c->a, "%s()", e->base->text));
    return NULL;
}

static const char *dialect_name(struct arena *a, const struct dialect *d)
{
    return d ? arena_printf(a, " %s", d->name) : "";
}

/* A dollar quote for body: $$, or $sql$, $sql1$, ... when body holds it. */
static const char *dollar_tag(struct conv *c, const char *body)
{
    if (!strstr(body, "$$"))
        return "$$";
    for (int i = 0;; i++) {
        const char *tag = i ? arena_printf(c->a, "$sql%d$", i) : "$sql$";
        if (!strstr(body, tag))
            return tag;
    }
}

static void note(struct conv *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void note(struct conv *c, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vec_push(c->a, &c->notes, arena_vprintf(c->a, fmt, ap));
    va_end(ap);
}

static bool fail(struct conv *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static bool fail(struct conv *c, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    c->why = arena_vprintf(c->a, fmt, ap);
    va_end(ap);
    return false;
}

/* The source lines first..last as `-- ` comments, without the
   indentation of the first. */
static void put_source(struct conv *c, int first, int last)
{
    size_t indent = (size_t)-1;
    for (int line = first; line <= last; line++) {
        size_t len;
        const char *s = diag_source_line(c->d, c->file, line, &len);
        if (!s)
            continue;
        size_t k = 0;
        while (k < len && (s[k] == ' ' || s[k] == '\t'))
            k++;
        if (indent == (size_t)-1)
            indent = k;
        if (k == len)
            continue;
        size_t from = k < indent ? k : indent;
        strbuf_puts(c->out, "-- ");
        strbuf_putn(c->out, s + from, len - from);
        strbuf_putc(c->out, '\n');
    }
}

/* The placeholder for what a person must write: the Python kept as a
   comment, and a sql block `migc check` refuses (placeholder.h). */
static void unresolved(struct conv *c, const struct py_stmt *st, const char *why)
{
    c->unresolved++;
    diag_warning(c->d, st->loc, "cannot convert this statement: %s", why);
    diag_detail(c->d, "It is kept as a comment with a placeholder that fails migc check "
                      "until the statements it stands for are written.");
    strbuf_printf(c->out, "-- %s:%d: not converted: %s\n", c->shown, st->first_line, why);
    put_source(c, st->first_line, st->last_line);
    strbuf_printf(c->out, "sql $$ %s see the comment above (%s:%d) $$;\n", PLACEHOLDER_MARK,
                  c->shown, st->first_line);
}

/* ---- types ----------------------------------------------------------------- */

/* p of T(p) or T(length=p), or -1. */
static int int_arg(const struct py_expr *call, int pos, const char *kw)
{
    if (!call || call->kind != PY_CALL)
        return -1;
    const struct py_expr *e = arg(call, pos, kw);
    if (!e || e->kind != PY_NUM || strpbrk(e->text, ".eExXoObBjJ_"))
        return -1;
    return (int)strtol(e->text, NULL, 10);
}

/* A SQLAlchemy type (sa.String(50), sa.Integer, postgresql.JSONB(), ...)
   as a .mig type. The types the language cannot name yet (Enum, ARRAY,
   INET, ...) come back as their nearest stand-in with a note, so that the
   table still exists for the statements after it. */
static bool is_integer_type(const char *t);

static const char *enum_of(struct conv *c, const struct py_expr *call);

static const char *type_of(struct conv *c, const struct py_expr *t)
{
    /* T.with_variant(V, 'sqlite'): SQLite's integer types are all
       INTEGER, so an integer variant of an integer type changes nothing
       there; other variants have no .mig spelling */
    if (t && t->kind == PY_CALL && t->base->kind == PY_ATTR &&
        !strcmp(t->base->text, "with_variant")) {
        const char *base = type_of(c, t->base->base);
        const char *variant = type_of(c, arg(t, 0, "type_"));
        const char *dialect = str_of(arg(t, 1, "dialect_name"));
        if (base && variant && dialect &&
            (!strcmp(base, variant) ||
             (!strcmp(dialect, "sqlite") && is_integer_type(base) && is_integer_type(variant))))
            return base;
        if (base && dialect && strcmp(dialect, "sqlite") && strcmp(dialect, "postgresql"))
            return base;
        if (base)
            note(c, "with_variant() types have no .mig spelling; written as %s", base);
        return base;
    }
    const struct py_expr *call = t && t->kind == PY_CALL ? t : NULL;
    const char *n = last_name(call ? call->base : t);
    if (!n)
        return NULL;
    static const struct {
        const char *py, *mig;
    } plain[] = {
        {"Integer", "integer"},   {"INTEGER", "integer"},     {"INT", "integer"},
        {"BigInteger", "bigint"}, {"BIGINT", "bigint"},       {"SmallInteger", "smallint"},
        {"SMALLINT", "smallint"}, {"Text", "text"},           {"TEXT", "text"},
        {"UnicodeText", "text"},  {"CLOB", "text"},           {"Boolean", "boolean"},
        {"BOOLEAN", "boolean"},   {"Date", "date"},           {"DATE", "date"},
        {"Time", "time"},         {"TIME", "time"},           {"Float", "double"},
        {"FLOAT", "double"},      {"DOUBLE", "double"},       {"DOUBLE_PRECISION", "double"},
        {"Double", "double"},     {"REAL", "real"},           {"JSON", "json"},
        {"JSONB", "jsonb"},       {"LargeBinary", "blob"},    {"BLOB", "blob"},
        {"BYTEA", "blob"},        {"Uuid", "uuid"},
        {"UUID", "uuid"},         {"GUID", "uuid"},
    };
    for (size_t i = 0; i < sizeof plain / sizeof plain[0]; i++)
        if (strcmp(n, plain[i].py) == 0)
            return plain[i].mig;
    if (!strcmp(n, "String") || !strcmp(n, "VARCHAR") || !strcmp(n, "Unicode") ||
        !strcmp(n, "NVARCHAR") || !strcmp(n, "AutoString")) {
        int len = int_arg(call, 0, "length");
        return len > 0 ? arena_printf(c->a, "varchar(%d)", len) : "text";
    }
    if (!strcmp(n, "CHAR") || !strcmp(n, "NCHAR")) {
        int len = int_arg(call, 0, "length");
        return len > 0 ? arena_printf(c->a, "char(%d)", len) : "char(1)";
    }
    if (!strcmp(n, "DateTime") || !strcmp(n, "DATETIME") || !strcmp(n, "TIMESTAMP")) {
        const struct py_expr *tz = call ? arg(call, 0, "timezone") : NULL;
        const char *t = is_true(tz) ? "timestamptz" : "timestamp";
        int p = int_arg(call, -1, "precision");
        if (call && given(call, "precision") && p < 0)
            note(c, "the precision of %s is not a number; written without it", n);
        return p >= 0 ? arena_printf(c->a, "%s(%d)", t, p) : t;
    }
    if (!strcmp(n, "Numeric") || !strcmp(n, "NUMERIC") || !strcmp(n, "DECIMAL")) {
        int p = int_arg(call, 0, "precision"), s = int_arg(call, 1, "scale");
        if (p > 0 && s >= 0)
            return arena_printf(c->a, "numeric(%d, %d)", p, s);
        return p > 0 ? arena_printf(c->a, "numeric(%d)", p) : "numeric";
    }
    /* PostgreSQL's own types: the converted project runs there only. */
    static const struct {
        const char *py, *mig;
    } postgres[] = {
        {"INET", "inet"},         {"CIDR", "cidr"},   {"MACADDR", "macaddr"},
        {"TSVECTOR", "tsvector"}, {"MONEY", "money"},
    };
    for (size_t i = 0; i < sizeof postgres / sizeof postgres[0]; i++)
        if (strcmp(n, postgres[i].py) == 0) {
            c->postgres_only = true;
            return postgres[i].mig;
        }
    if (!strcmp(n, "INTERVAL") || !strcmp(n, "Interval")) {
        int p = int_arg(call, -1, !strcmp(n, "Interval") ? "second_precision" : "precision");
        if (call && given(call, "fields"))
            note(c, "INTERVAL(fields=...) has no .mig spelling; written without the fields");
        c->postgres_only = true;
        return p >= 0 ? arena_printf(c->a, "interval(%d)", p) : "interval";
    }
    if (!strcmp(n, "ARRAY") && call) {
        const char *elem = type_of(c, arg(call, 0, "item_type"));
        if (!elem)
            return NULL;
        if (strchr(elem, '[')) {
            note(c, "an ARRAY of an ARRAY has no .mig spelling; written as %s", elem);
            return elem;
        }
        /* dimensions= is left out: PostgreSQL neither stores nor enforces it */
        c->postgres_only = true;
        return arena_printf(c->a, "%s[]", elem);
    }
    if ((!strcmp(n, "Enum") || !strcmp(n, "ENUM")) && call) {
        const char *t = enum_of(c, call);
        if (t)
            return t;
        note(c, "only an Enum of strings with a name= is an enum type in .mig; written as text");
        return "text";
    }
    /* Not in the language yet: a stand-in and a note. */
    static const struct {
        const char *py, *stand_in;
    } pending[] = {
        {"Enum", "text"}, {"ENUM", "text"}, {"HSTORE", "text"}, {"CITEXT", "text"},
    };
    for (size_t i = 0; i < sizeof pending / sizeof pending[0]; i++)
        if (strcmp(n, pending[i].py) == 0) {
            note(c, "type %s has no .mig spelling yet; written as %s", n, pending[i].stand_in);
            return pending[i].stand_in;
        }
    return NULL;
}

/* Enum('a', 'b', name='x') as the type x, its create type statement
   kept in c->enums once per file. NULL for an Enum the language cannot
   say so (no name, a Python enum class, native_enum=False, ...). */
static const char *enum_of(struct conv *c, const struct py_expr *call)
{
    static const char *const known[] = {"name", "create_type", "create_constraint",
                                        "metadata", "inherit_schema", "validate_strings",
                                        "length", NULL};
    const char *tname = str_of(arg(call, -1, "name"));
    if (!tname || !*tname || unknown_kw(call, known))
        return NULL;
    struct strbuf vals = {0};
    int nvals = 0;
    for (int i = 0; i < call->items.n; i++) {
        const struct py_arg *a = VEC_AT(call->items, i, const struct py_arg *);
        if (a->kw)
            continue;
        const char *v = a->value->kind == PY_STR ? str_of(a->value) : NULL;
        if (!v) {
            strbuf_free(&vals);
            return NULL;
        }
        strbuf_printf(&vals, "%s%s", nvals++ ? ", " : "", render_string(c->a, v));
    }
    const char *list = strbuf_to_arena(&vals, c->a);
    for (int i = 0; i < c->enums.n; i++)
        if (!strcmp(VEC_AT(c->enums, i, struct conv_enum *)->name, tname))
            return name(c, tname);
    const struct py_expr *create = arg(call, -1, "create_type");
    struct conv_enum *et = arena_alloc(c->a, sizeof *et);
    et->name = tname;
    et->decl = (create && create->kind == PY_FALSE) || !nvals
                   ? NULL
                   : arena_printf(c->a, "create type %s as enum (%s);\n", name(c, tname), list);
    vec_push(c->a, &c->enums, et);
    return name(c, tname);
}

static bool is_integer_type(const char *t)
{
    return t && (!strcmp(t, "integer") || !strcmp(t, "bigint") || !strcmp(t, "smallint"));
}

/* ---- columns and constraints ----------------------------------------------- */

static const char *fk_actions(struct conv *c, const struct py_expr *call)
{
    struct strbuf b = {0};
    static const char *const kws[] = {"ondelete", "onupdate"};
    for (int i = 0; i < 2; i++) {
        const char *v = str_of(arg(call, -1, kws[i]));
        if (!v)
            continue;
        char *low = arena_strlower(c->a, v);
        if (strcmp(low, "cascade") && strcmp(low, "restrict") && strcmp(low, "set null") &&
            strcmp(low, "set default") && strcmp(low, "no action")) {
            strbuf_free(&b);
            return NULL;
        }
        strbuf_printf(&b, " on %s %s", i ? "update" : "delete", low);
    }
    return strbuf_to_arena(&b, c->a);
}

/* "t.col" of a ForeignKey as "t (col)". */
static const char *fk_target(struct conv *c, const char *spec)
{
    const char *dot = strrchr(spec, '.');
    if (!dot || dot == spec || !dot[1] || strchr(spec, '.') != dot)
        return NULL;
    return arena_printf(c->a, "%s (%s)", name(c, arena_strndup(c->a, spec, (size_t)(dot - spec))),
                        name(c, dot + 1));
}

/* An Index/ForeignKeyConstraint/... keyword name=, or a NULL when none. */
static bool con_name(struct conv *c, const struct py_expr *call, const char **out)
{
    const struct py_expr *n = arg(call, -1, "name");
    *out = NULL;
    if (!n || n->kind == PY_NONE)
        return true;
    *out = str_of(n);
    return *out ? true : fail(c, "the constraint's name is not a string");
}

static const char *named(struct conv *c, const char *n)
{
    return n ? arena_printf(c->a, "constraint %s ", name(c, n)) : "";
}

/* The column list of a constraint: strings given positionally from
   first (PrimaryKeyConstraint('a', 'b')). */
static const char *pos_names(struct conv *c, const struct py_expr *call, int first)
{
    struct strbuf b = {0};
    strbuf_putc(&b, '(');
    int k = 0;
    for (int i = 0; i < call->items.n; i++) {
        const struct py_arg *a = VEC_AT(call->items, i, const struct py_arg *);
        if (a->kw)
            continue;
        if (k++ < first)
            continue;
        const char *s = str_of(a->value);
        if (!s) {
            strbuf_free(&b);
            return NULL;
        }
        strbuf_printf(&b, "%s%s", k - 1 > first ? ", " : "", name(c, s));
    }
    strbuf_putc(&b, ')');
    return k > first ? strbuf_to_arena(&b, c->a) : NULL;
}

/* A table constraint (sa.PrimaryKeyConstraint, UniqueConstraint,
   ForeignKeyConstraint, CheckConstraint) as .mig text. */
static const char *table_constraint(struct conv *c, const struct py_expr *e)
{
    static const char *const known[] = {"name", "ondelete", "onupdate", "deferrable", "initially",
                                        "use_alter", "match", "comment", "info", NULL};
    /* a call's items are its arguments; anything else's are not */
    if (e->kind != PY_CALL)
        return fail(c, "a create_table() argument is neither a column nor a table element"), NULL;
    const char *n, *bad = unknown_kw(e, known);
    if (bad)
        return fail(c, "%s() argument %s is not supported", last_name(e->base), bad), NULL;
    if (!con_name(c, e, &n))
        return NULL;
    if (is_call(e, "PrimaryKeyConstraint") || is_call(e, "UniqueConstraint")) {
        const char *cols = pos_names(c, e, 0);
        if (!cols)
            return fail(c, "the constraint's columns are not strings"), NULL;
        return arena_printf(c->a, "%s%s %s", named(c, n),
                            is_call(e, "UniqueConstraint") ? "unique" : "primary key", cols);
    }
    if (is_call(e, "ForeignKeyConstraint")) {
        const char *cols = name_list(c, arg(e, 0, "columns"));
        const struct py_expr *refs = arg(e, 1, "refcolumns");
        if (!cols || !refs || (refs->kind != PY_LIST && refs->kind != PY_TUPLE) || !refs->items.n)
            return fail(c, "the foreign key's columns are not strings"), NULL;
        const char *table = NULL;
        struct strbuf b = {0};
        for (int i = 0; i < refs->items.n; i++) {
            const char *s = str_of(VEC_AT(refs->items, i, const struct py_expr *));
            const char *dot = s ? strrchr(s, '.') : NULL;
            const char *t = dot ? arena_strndup(c->a, s, (size_t)(dot - s)) : NULL;
            if (!t || strchr(t, '.') || (table && strcmp(table, t))) {
                strbuf_free(&b);
                return fail(c, "the foreign key's referenced columns are not \"table.column\""),
                       NULL;
            }
            table = t;
            strbuf_printf(&b, "%s%s", i ? ", " : "", name(c, dot + 1));
        }
        const char *refcols = strbuf_to_arena(&b, c->a);
        const char *acts = fk_actions(c, e);
        if (!acts)
            return fail(c, "the foreign key's ondelete or onupdate is not an action migc knows"),
                   NULL;
        if (arg(e, -1, "deferrable") || arg(e, -1, "initially"))
            note(c, "deferrable foreign keys have no .mig spelling yet; written without it");
        return arena_printf(c->a, "%sforeign key %s references %s (%s)%s", named(c, n), cols,
                            name(c, table), refcols, acts);
    }
    if (is_call(e, "CheckConstraint")) {
        const char *text = str_of(arg(e, 0, "sqltext"));
        const char *x = text ? sql_expr(c, text) : NULL;
        if (!x)
            return fail(c, "the check's condition is not an expression the language can read"),
                   NULL;
        return arena_printf(c->a, "%scheck (%s)", named(c, n), x);
    }
    return fail(c, "%s() is not a table element migc knows",
                last_name(e->base) ? last_name(e->base) : "this"),
           NULL;
}

/* What a sa.Column needs besides its definition: an index (index=True). */
struct column_extra {
    const char *name;
    bool index, unique_index;
    bool primary_key;
    bool integer;
};

/* sa.Column(...) as a column definition. whole_pk: the table's primary
   key is this column alone (Column(primary_key=True) on one column, or a
   one-column PrimaryKeyConstraint named pk_name, which may be NULL): it is
   written on the column, with identity when SQLAlchemy would make it
   autoincrement (an integer without a default or a foreign key). */
static const char *column_def(struct conv *c, const struct py_expr *e, bool whole_pk,
                              const char *pk_name, struct column_extra *x)
{
    static const char *const known[] = {"nullable", "primary_key", "server_default", "unique",
                                        "index", "autoincrement", "comment", "default",
                                        "onupdate", "info", "doc", "key", "quote", "name",
                                        "type_", "server_onupdate", NULL};
    memset(x, 0, sizeof *x);
    if (!is_call(e, "Column"))
        return fail(c, "expected sa.Column(...)"), NULL;
    const char *bad = unknown_kw(e, known);
    if (bad)
        return fail(c, "Column() argument %s is not supported", bad), NULL;
    const char *cname = str_of(arg(e, 0, "name"));
    if (!cname)
        return fail(c, "the column's name is not a string"), NULL;
    x->name = cname;
    const struct py_expr *texpr = arg(e, 1, "type_");
    const struct py_expr *fk = NULL;
    if (texpr && is_call(texpr, "ForeignKey")) {
        fk = texpr;
        texpr = NULL;
    }
    const char *type = texpr ? type_of(c, texpr) : NULL;
    if (!type)
        return fail(c, texpr ? "the column's type is not one migc can name"
                             : "the column has no type (SQLAlchemy takes it from the foreign key)"),
               NULL;
    struct strbuf b = {0};
    strbuf_printf(&b, "%s %s", name(c, cname), type);
    x->integer = is_integer_type(type);
    x->primary_key = is_true(arg(e, -1, "primary_key"));
    const struct py_expr *nullable = arg(e, -1, "nullable");
    const struct py_expr *dflt = arg(e, -1, "server_default");
    const struct py_expr *autoinc = arg(e, -1, "autoincrement");
    bool no_autoinc = autoinc && autoinc->kind == PY_FALSE;
    for (int i = 2; i < npositional(e); i++) {
        const struct py_expr *p = arg(e, i, NULL);
        if (is_call(p, "ForeignKey") && !fk)
            fk = p;
        else if (is_call(p, "Identity"))
            autoinc = p;
        else {
            strbuf_free(&b);
            return fail(c, "a column argument is not one migc can convert"), NULL;
        }
    }
    if (whole_pk) {
        strbuf_printf(&b, " %sprimary key", named(c, pk_name));
        if (x->integer && !no_autoinc && !dflt && !fk)
            strbuf_puts(&b, " identity");
    } else if ((nullable && nullable->kind == PY_FALSE) || x->primary_key) {
        strbuf_puts(&b, " not null");
    }
    if (!x->primary_key && is_call(autoinc, "Identity"))
        strbuf_puts(&b, " identity");
    if (dflt && dflt->kind != PY_NONE) {
        const char *v = server_default(c, dflt);
        if (!v) {
            strbuf_free(&b);
            return fail(c,
                        "the column's server_default is not an expression the language can read"),
                   NULL;
        }
        strbuf_printf(&b, " default %s", v);
    }
    if (is_true(arg(e, -1, "unique"))) {
        if (is_true(arg(e, -1, "index")))
            x->unique_index = true;
        else
            strbuf_puts(&b, " unique");
    } else if (is_true(arg(e, -1, "index"))) {
        x->index = true;
    }
    if (fk) {
        static const char *const fk_known[] = {"ondelete", "onupdate", "name", "use_alter",
                                               "deferrable", "initially", "match", NULL};
        const char *target =
            fk_target(c, str_of(arg(fk, 0, "column")) ? str_of(arg(fk, 0, "column")) : "");
        const char *acts = fk_actions(c, fk);
        const char *fkname;
        if (!target || !acts || unknown_kw(fk, fk_known) || !con_name(c, fk, &fkname)) {
            strbuf_free(&b);
            return fail(c, "the column's ForeignKey is not one migc can convert"), NULL;
        }
        strbuf_printf(&b, " %sreferences %s%s", named(c, fkname), target, acts);
    }
    if (arg(e, -1, "comment"))
        note(c, "column comments have no .mig spelling yet; \"%s\"'s was left out", cname);
    return strbuf_to_arena(&b, c->a);
}

/* The index SQLAlchemy creates for Column(index=True). */
static void column_index(struct conv *c, struct strbuf *b, const char *table,
                         const struct column_extra *x)
{
    if (!x->index && !x->unique_index)
        return;
    strbuf_printf(b, "create %sindex %s on %s (%s);\n", x->unique_index ? "unique " : "",
                  name(c, arena_printf(c->a, "ix_%s_%s", table, x->name)), name(c, table),
                  name(c, x->name));
}

/* ---- operations ------------------------------------------------------------- */

/* The table an op works on: its argument, or the batch block's table. */
static const char *op_table(struct conv *c, const struct py_expr *call, bool batch, int pos,
                            const char *kw)
{
    if (batch)
        return c->batch_table;
    return str_of(arg(call, pos, kw));
}

static bool op_create_table(struct conv *c, const struct py_expr *call, struct strbuf *b)
{
    static const char *const known[] = {"schema", "comment", "info", "prefixes",
                                        "sqlite_autoincrement", "postgresql_partition_by", NULL};
    const char *table = str_of(arg(call, 0, "table_name"));
    if (!table)
        return fail(c, "the table's name is not a string");
    const char *bad = unknown_kw(call, known);
    if (bad || given(call, "schema") ||
        given(call, "postgresql_partition_by") || given(call, "prefixes"))
        return fail(c, "create_table() argument %s is not supported",
                    bad ? bad : given(call, "schema") ? "schema" : "prefixes");
    /* SQLAlchemy's primary key: Column(primary_key=True)s, or a
       PrimaryKeyConstraint. */
    int npk = 0;
    const struct py_expr *pkc = NULL;
    for (int i = 1; i < npositional(call); i++) {
        const struct py_expr *e = arg(call, i, NULL);
        if (is_call(e, "Column") && is_true(arg(e, -1, "primary_key")))
            npk++;
        if (is_call(e, "PrimaryKeyConstraint"))
            pkc = e;
    }
    const char *pk_col = NULL, *pk_name = NULL;
    if (pkc && npositional(pkc) == 1 && !npk) {
        pk_col = str_of(arg(pkc, 0, NULL));
        if (!con_name(c, pkc, &pk_name))
            return false;
    }
    struct strbuf idx = {0};
    strbuf_printf(b, "create table %s (\n", name(c, table));
    int n = 0;
    for (int i = 1; i < npositional(call); i++) {
        const struct py_expr *e = arg(call, i, NULL);
        const char *text;
        if (is_call(e, "Column")) {
            struct column_extra x;
            /* A single-column PrimaryKeyConstraint is written on the
               column, so that an integer key gets identity as
               SQLAlchemy gives it autoincrement. */
            bool on_col =
                pk_col && str_of(arg(e, 0, "name")) && !strcmp(str_of(arg(e, 0, "name")), pk_col);
            bool whole = on_col || (npk == 1 && is_true(arg(e, -1, "primary_key")));
            text = column_def(c, e, whole, on_col ? pk_name : NULL, &x);
            if (text)
                column_index(c, &idx, table, &x);
        } else if (pk_col && e == pkc) {
            continue;
        } else if (is_call(e, "Index")) {
            strbuf_free(&idx);
            return fail(c, "an Index inside create_table() is not supported; use op.create_index");
        } else {
            text = table_constraint(c, e);
        }
        if (!text) {
            strbuf_free(&idx);
            return false;
        }
        strbuf_printf(b, "%s%s", n++ ? ",\n" : "", text);
    }
    if (npk > 1) {
        struct strbuf pk = {0};
        int k = 0;
        for (int i = 1; i < npositional(call); i++) {
            const struct py_expr *e = arg(call, i, NULL);
            if (is_call(e, "Column") && is_true(arg(e, -1, "primary_key")))
                strbuf_printf(&pk, "%s%s", k++ ? ", " : "", name(c, str_of(arg(e, 0, "name"))));
        }
        strbuf_printf(b, ",\nprimary key (%s)", strbuf_to_arena(&pk, c->a));
    }
    strbuf_puts(b, "\n);\n");
    strbuf_puts(b, strbuf_str(&idx));
    strbuf_free(&idx);
    if (given(call, "comment"))
        note(c, "table comments have no .mig spelling yet; \"%s\"'s was left out", table);
    return true;
}

static bool op_add_column(struct conv *c, const struct py_expr *call, bool batch,
                          struct strbuf *b)
{
    static const char *const known[] = {"schema", "insert_before", "insert_after",
                                        "if_not_exists", NULL};
    const char *table = op_table(c, call, batch, 0, "table_name");
    const struct py_expr *col = arg(call, batch ? 0 : 1, "column");
    if (!table)
        return fail(c, "the table's name is not a string");
    if (unknown_kw(call, known) || given(call, "schema") || given(call, "if_not_exists"))
        return fail(c, "add_column() argument %s is not supported",
                    unknown_kw(call, known) ? unknown_kw(call, known) : "schema");
    struct column_extra x;
    const char *def =
        col ? column_def(c, col, col->kind == PY_CALL && is_true(arg(col, -1, "primary_key")),
                         NULL, &x)
            : NULL;
    if (!def)
        return col ? false : fail(c, "add_column() has no column");
    strbuf_printf(b, "alter table %s add column %s;\n", name(c, table), def);
    column_index(c, b, table, &x);
    return true;
}

static bool op_alter_column(struct conv *c, const struct py_expr *call, bool batch,
                            struct strbuf *b)
{
    static const char *const known[] = {
        "nullable", "type_", "server_default", "new_column_name", "existing_type",
        "existing_nullable", "existing_server_default", "existing_comment", "comment",
        "postgresql_using", "autoincrement", "existing_autoincrement", "schema", NULL};
    const char *table = op_table(c, call, batch, 0, "table_name");
    const char *col = str_of(arg(call, batch ? 0 : 1, "column_name"));
    if (!table || !col)
        return fail(c, "the table's or column's name is not a string");
    const char *bad = unknown_kw(call, known);
    if (bad || given(call, "schema"))
        return fail(c, "alter_column() argument %s is not supported", bad ? bad : "schema");
    struct strbuf acts = {0};
    const char *qc = name(c, col);
    const struct py_expr *e;
    if ((e = arg(call, -1, "type_")) && e->kind != PY_NONE) {
        const char *t = type_of(c, e);
        if (!t) {
            strbuf_free(&acts);
            return fail(c, "the new type is not one migc can name");
        }
        strbuf_printf(&acts, ",\nalter column %s type %s", qc, t);
        const char *using = str_of(given(call, "postgresql_using"));
        if (given(call, "postgresql_using")) {
            const char *x = using ? sql_expr(c, using) : NULL;
            if (!x) {
                strbuf_free(&acts);
                return fail(c, "postgresql_using is not an expression the language can read");
            }
            strbuf_printf(&acts, " using (%s)", x);
        }
    }
    if ((e = arg(call, -1, "nullable")) && e->kind != PY_NONE) {
        if (e->kind != PY_TRUE && e->kind != PY_FALSE) {
            strbuf_free(&acts);
            return fail(c, "nullable is not True or False");
        }
        strbuf_printf(&acts, ",\nalter column %s %s not null", qc,
                      e->kind == PY_TRUE ? "drop" : "set");
    }
    if ((e = arg(call, -1, "server_default")) && e->kind != PY_FALSE) {
        if (e->kind == PY_NONE) {
            strbuf_printf(&acts, ",\nalter column %s drop default", qc);
        } else {
            const char *v = server_default(c, e);
            if (!v) {
                strbuf_free(&acts);
                return fail(c, "server_default is not an expression the language can read");
            }
            strbuf_printf(&acts, ",\nalter column %s set default %s", qc, v);
        }
    }
    const char *to = str_of(arg(call, -1, "new_column_name"));
    if (arg(call, -1, "new_column_name") && !to) {
        strbuf_free(&acts);
        return fail(c, "new_column_name is not a string");
    }
    if (to)
        strbuf_printf(&acts, ",\nrename column %s to %s", qc, name(c, to));
    if (given(call, "comment"))
        note(c, "column comments have no .mig spelling yet; \"%s\"'s was left out", col);
    if (!acts.len) {
        strbuf_free(&acts);
        strbuf_printf(b, "-- alter_column of %s.%s changes nothing migc tracks\n", table, col);
        return true;
    }
    strbuf_printf(b, "alter table %s %s;\n", name(c, table), strbuf_str(&acts) + 2);
    strbuf_free(&acts);
    return true;
}

static bool op_create_index(struct conv *c, const struct py_expr *call, bool batch,
                            struct strbuf *b)
{
    static const char *const known[] = {"unique", "postgresql_where", "sqlite_where",
                                        "postgresql_using", "postgresql_concurrently",
                                        "schema", "if_not_exists", "table_name", "columns",
                                        "index_name", "postgresql_ops", "quote", "info", NULL};
    const char *iname = str_of(arg(call, 0, "index_name"));
    const char *table = op_table(c, call, batch, 1, "table_name");
    const struct py_expr *cols = arg(call, batch ? 1 : 2, "columns");
    if (!iname || !table)
        return fail(c, "the index's or table's name is not a string");
    const char *bad = unknown_kw(call, known);
    if (bad || given(call, "schema") || given(call, "if_not_exists") ||
        given(call, "postgresql_ops"))
        return fail(c, "create_index() argument %s is not supported",
                    bad                             ? bad
                    : given(call, "schema")         ? "schema"
                    : given(call, "postgresql_ops") ? "postgresql_ops"
                                                    : "if_not_exists");
    const char *method = str_of(given(call, "postgresql_using"));
    if (given(call, "postgresql_using") && (!method || strcmp(method, "btree")))
        return fail(c, "index methods other than btree have no .mig spelling yet");
    if (!cols)
        return fail(c, "create_index() has no columns");
    struct strbuf els = {0};
    int n = (cols->kind == PY_LIST || cols->kind == PY_TUPLE) ? cols->items.n : 1;
    for (int i = 0; i < n; i++) {
        const struct py_expr *e = (cols->kind == PY_LIST || cols->kind == PY_TUPLE)
                                      ? VEC_AT(cols->items, i, const struct py_expr *) : cols;
        const char *text = NULL;
        if (e->kind == PY_STR && str_of(e)) {
            text = name(c, str_of(e));
        } else if (is_call(e, "text") && str_of(e)) {
            const char *x = sql_expr(c, str_of(e));
            text = x ? arena_printf(c->a, "(%s)", x) : NULL;
        }
        if (!text) {
            strbuf_free(&els);
            return fail(c, "an index element is not a column name or sa.text() expression");
        }
        strbuf_printf(&els, "%s%s", i ? ", " : "", text);
    }
    const char *where = NULL;
    const struct py_expr *w = arg(call, -1, "postgresql_where");
    if (!w)
        w = arg(call, -1, "sqlite_where");
    if (w) {
        const char *x = str_of(w) ? sql_expr(c, str_of(w)) : NULL;
        if (!x) {
            strbuf_free(&els);
            return fail(c, "the index's where clause is not an expression the language can read");
        }
        where = x;
        if (!arg(call, -1, "postgresql_where") || !arg(call, -1, "sqlite_where"))
            note(c, "the partial index \"%s\" applies its condition on both dialects now", iname);
    }
    bool conc = is_true(arg(call, -1, "postgresql_concurrently"));
    c->concurrently |= conc;
    strbuf_printf(b, "create %sindex %s%s on %s (%s)",
                  is_true(arg(call, -1, "unique")) ? "unique " : "", conc ? "concurrently " : "",
                  name(c, iname), name(c, table), strbuf_str(&els));
    if (where)
        strbuf_printf(b, " where (%s)", where);
    strbuf_puts(b, ";\n");
    strbuf_free(&els);
    return true;
}

static bool op_add_constraint(struct conv *c, const char *kind, const struct py_expr *call,
                              bool batch, struct strbuf *b)
{
    static const char *const known[] = {"schema", "ondelete", "onupdate", "deferrable",
                                        "initially", "match", "source_schema", "referent_schema",
                                        "use_alter", "constraint_name", "table_name", "columns",
                                        "condition", "source_table", "referent_table",
                                        "local_cols", "remote_cols", NULL};
    const char *bad = unknown_kw(call, known);
    if (bad || given(call, "schema") || given(call, "source_schema") ||
        given(call, "referent_schema") || given(call, "deferrable") || given(call, "initially"))
        return fail(c, "%s() argument %s is not supported", kind, bad ? bad : "schema/deferrable");
    const struct py_expr *ne = arg(call, 0, "constraint_name");
    const char *cname = str_of(ne);
    if (ne && ne->kind != PY_NONE && !cname)
        return fail(c, "the constraint's name is not a string");
    const char *table = op_table(
        c, call, batch, 1, !strcmp(kind, "create_foreign_key") ? "source_table" : "table_name");
    if (!table)
        return fail(c, "the table's name is not a string");
    int next = batch ? 1 : 2;
    const char *body = NULL;
    if (!strcmp(kind, "create_foreign_key")) {
        const char *ref = str_of(arg(call, next, "referent_table"));
        const char *local = name_list(c, arg(call, next + 1, "local_cols"));
        const char *remote = name_list(c, arg(call, next + 2, "remote_cols"));
        const char *acts = fk_actions(c, call);
        if (!ref || !local || !remote || !acts)
            return fail(c, "the foreign key's tables, columns or actions are not literal");
        body = arena_printf(c->a, "foreign key %s references %s %s%s", local, name(c, ref), remote,
                            acts);
    } else if (!strcmp(kind, "create_check_constraint")) {
        const char *cond = str_of(arg(call, next, "condition"));
        const char *x = cond ? sql_expr(c, cond) : NULL;
        if (!x)
            return fail(c, "the check's condition is not an expression the language can read");
        body = arena_printf(c->a, "check (%s)", x);
    } else {
        const char *cols = name_list(c, arg(call, next, "columns"));
        if (!cols)
            return fail(c, "the constraint's columns are not strings");
        body = arena_printf(c->a, "%s %s",
                            !strcmp(kind, "create_primary_key") ? "primary key" : "unique", cols);
    }
    strbuf_printf(b, "alter table %s add %s%s;\n", name(c, table), named(c, cname), body);
    return true;
}

/* ---- SQLAlchemy core statements: op.execute(t.update()...) ------------- */

static const struct binding *bound(const struct conv *c, const char *n);

/* t.c.name or t.c['name'], a column of tbl (the name bound to the
   statement's sa.table): its SQL name, else NULL. */
static const char *core_column(struct conv *c, const struct py_expr *e, const char *tbl)
{
    const struct py_expr *owner = NULL;
    const char *col = NULL;
    if (e->kind == PY_ATTR) {
        owner = e->base;
        col = e->text;
    } else if (e->kind == PY_SUBSCRIPT && e->items.n == 1) {
        owner = e->base;
        col = str_of(VEC_AT(e->items, 0, const struct py_expr *));
    }
    if (!col || !owner || owner->kind != PY_ATTR || strcmp(owner->text, "c") ||
        !owner->base || owner->base->kind != PY_NAME || strcmp(owner->base->text, tbl))
        return NULL;
    return name(c, col);
}

/* A value: a literal, a column, sa.null()/true()/false(), or
   sa.func.f(values...) (func.now() as CURRENT_TIMESTAMP, which
   SQLAlchemy writes on SQLite and PostgreSQL takes too). */
static const char *core_value(struct conv *c, const struct py_expr *e, const char *tbl)
{
    if (e->kind == PY_NONE)
        return "NULL";
    const char *v = literal(c, e);
    if (v)
        return v;
    if ((v = core_column(c, e, tbl)))
        return v;
    if (e->kind != PY_CALL || e->base->kind != PY_ATTR)
        return NULL;
    if (e->items.n == 0 && (is_call(e, "null") || is_call(e, "true") || is_call(e, "false")) &&
        last_name(e->base->base) && strcmp(last_name(e->base->base), "func"))
        return e->base->text;
    /* the name is a Python identifier: safe to write as it is */
    if (!last_name(e->base->base) || strcmp(last_name(e->base->base), "func"))
        return NULL;
    if (!strcmp(e->base->text, "now") && e->items.n == 0)
        return "CURRENT_TIMESTAMP";
    struct strbuf b = {0};
    strbuf_printf(&b, "%s(", e->base->text);
    for (int i = 0; i < e->items.n; i++) {
        const struct py_arg *a = VEC_AT(e->items, i, const struct py_arg *);
        const char *x = a->kw ? NULL : core_value(c, a->value, tbl);
        if (!x) {
            strbuf_free(&b);
            return NULL;
        }
        strbuf_printf(&b, "%s%s", i ? ", " : "", x);
    }
    strbuf_putc(&b, ')');
    return strbuf_to_arena(&b, c->a);
}

/* A where clause: comparisons of columns and values (== None is IS
   NULL), like/notlike, in_/notin_ of a literal list, is_/isnot, and_/or_/
   not_ and their operators & | ~. Compounds come parenthesized. */
static const char *core_cond(struct conv *c, const struct py_expr *e, const char *tbl)
{
    static const char *const cmp[][2] = {{"==", "="}, {"!=", "!="}, {"<", "<"},
                                         {"<=", "<="}, {">", ">"}, {">=", ">="}};
    if (e->kind == PY_BINARY) {
        const struct py_expr *l = VEC_AT(e->items, 0, const struct py_expr *);
        const struct py_expr *r = VEC_AT(e->items, 1, const struct py_expr *);
        if (!strcmp(e->text, "&") || !strcmp(e->text, "|")) {
            const char *x = core_cond(c, l, tbl), *y = core_cond(c, r, tbl);
            return x && y ? arena_printf(c->a, "(%s %s %s)", x, *e->text == '&' ? "AND" : "OR", y)
                          : NULL;
        }
        for (size_t i = 0; i < sizeof cmp / sizeof *cmp; i++) {
            if (strcmp(e->text, cmp[i][0]))
                continue;
            const char *x = core_value(c, l, tbl);
            if (!x)
                return NULL;
            if (r->kind == PY_NONE && i < 2)
                return arena_printf(c->a, "%s IS %sNULL", x, i ? "NOT " : "");
            const char *y = core_value(c, r, tbl);
            return y ? arena_printf(c->a, "%s %s %s", x, cmp[i][1], y) : NULL;
        }
        return NULL;
    }
    if (e->kind == PY_UNARY && !strcmp(e->text, "~")) {
        const char *x = core_cond(c, VEC_AT(e->items, 0, const struct py_expr *), tbl);
        return x ? arena_printf(c->a, "NOT (%s)", x) : NULL;
    }
    if (e->kind != PY_CALL || e->base->kind != PY_ATTR || npositional(e) != e->items.n)
        return NULL;
    const char *m = e->base->text;
    if (!strcmp(m, "and_") || !strcmp(m, "or_") || !strcmp(m, "not_")) {
        if (e->items.n == 0 || (!strcmp(m, "not_") && e->items.n != 1))
            return NULL;
        struct strbuf b = {0};
        strbuf_puts(&b, !strcmp(m, "not_") ? "NOT (" : "(");
        for (int i = 0; i < e->items.n; i++) {
            const char *x = core_cond(c, VEC_AT(e->items, i, const struct py_arg *)->value, tbl);
            if (!x) {
                strbuf_free(&b);
                return NULL;
            }
            strbuf_printf(&b, "%s%s", i ? (!strcmp(m, "and_") ? " AND " : " OR ") : "", x);
        }
        strbuf_putc(&b, ')');
        return strbuf_to_arena(&b, c->a);
    }
    const char *col = core_value(c, e->base->base, tbl);
    const struct py_expr *x = e->items.n == 1 ? arg(e, 0, NULL) : NULL;
    if (!col || !x)
        return NULL;
    static const char *const ops[][2] = {{"like", "LIKE"},     {"notlike", "NOT LIKE"},
                                         {"not_like", "NOT LIKE"}, {"is_", "IS"},
                                         {"isnot", "IS NOT"},  {"is_not", "IS NOT"},
                                         {"in_", "IN"},        {"notin_", "NOT IN"},
                                         {"not_in", "NOT IN"}};
    for (size_t i = 0; i < sizeof ops / sizeof *ops; i++) {
        if (strcmp(m, ops[i][0]))
            continue;
        if (i < 6) {
            const char *v = core_value(c, x, tbl);
            return v ? arena_printf(c->a, "%s %s %s", col, ops[i][1], v) : NULL;
        }
        if ((x->kind != PY_LIST && x->kind != PY_TUPLE) || !x->items.n)
            return NULL;
        struct strbuf b = {0};
        strbuf_printf(&b, "%s %s (", col, ops[i][1]);
        for (int k = 0; k < x->items.n; k++) {
            const char *v = literal(c, VEC_AT(x->items, k, const struct py_expr *));
            if (!v) {
                strbuf_free(&b);
                return NULL;
            }
            strbuf_printf(&b, "%s%s", k ? ", " : "", v);
        }
        strbuf_putc(&b, ')');
        return strbuf_to_arena(&b, c->a);
    }
    return NULL;
}

/* t.update().where(...).values(...), t.delete().where(...) (also
   sa.update(t), sa.delete(t)), t bound to sa.table('name', ...): the SQL
   SQLAlchemy would send, else NULL. */
static const char *core_statement(struct conv *c, const struct py_expr *e)
{
    struct vec wheres = {0};
    const struct py_expr *values = NULL, *tbl = NULL;
    const char *verb = NULL;
    while (e && e->kind == PY_CALL && e->base->kind == PY_ATTR) {
        const char *m = e->base->text;
        if (!strcmp(m, "where") && e->items.n && npositional(e) == e->items.n) {
            for (int i = 0; i < e->items.n; i++)
                vec_push(c->a, &wheres, (void *)VEC_AT(e->items, i, const struct py_arg *)->value);
        } else if (!strcmp(m, "values") && !values && e->items.n) {
            values = e;
        } else if (!strcmp(m, "update") || !strcmp(m, "delete")) {
            verb = m;
            tbl = e->items.n == 0 ? e->base->base : e->items.n == 1 ? arg(e, 0, NULL) : NULL;
            break;
        } else {
            return NULL;
        }
        e = e->base->base;
    }
    const struct binding *bd = tbl && tbl->kind == PY_NAME ? bound(c, tbl->text) : NULL;
    if (!verb || !bd || !bd->table || (*verb == 'd') != !values)
        return NULL;
    struct strbuf b = {0};
    if (*verb == 'd') {
        strbuf_printf(&b, "DELETE FROM %s", name(c, bd->table));
    } else {
        strbuf_printf(&b, "UPDATE %s SET ", name(c, bd->table));
        const struct py_expr *d = npositional(values) == 1 ? arg(values, 0, NULL) : NULL;
        if (d && (d->kind != PY_DICT || values->items.n != 1))
            d = NULL;
        int n = d ? d->items.n / 2 : values->items.n;
        for (int i = 0; i < n; i++) {
            const char *col, *v;
            if (d) {
                col = str_of(VEC_AT(d->items, 2 * i, const struct py_expr *));
                v = core_value(c, VEC_AT(d->items, 2 * i + 1, const struct py_expr *), tbl->text);
            } else {
                const struct py_arg *a = VEC_AT(values->items, i, const struct py_arg *);
                col = a->kw && strcmp(a->kw, "*") && strcmp(a->kw, "**") ? a->kw : NULL;
                v = core_value(c, a->value, tbl->text);
            }
            if (!col || !v) {
                strbuf_free(&b);
                return NULL;
            }
            strbuf_printf(&b, "%s%s = %s", i ? ", " : "", name(c, col), v);
        }
    }
    /* chained .where()s are ANDed, the last written first in the chain */
    for (int i = wheres.n - 1; i >= 0; i--) {
        const char *x = core_cond(c, VEC_AT(wheres, i, const struct py_expr *), tbl->text);
        if (!x) {
            strbuf_free(&b);
            return NULL;
        }
        strbuf_printf(&b, "%s%s", i == wheres.n - 1 ? " WHERE " : " AND ", x);
    }
    return strbuf_to_arena(&b, c->a);
}

/* " creates K n, ... drops K n on T, ...": what the statements of a sql
   block make and remove, for the model (LANGUAGE.md); "" for none. */
static const char *declarations(struct conv *c, const struct sql_heads *h)
{
    struct strbuf b = {0};
    for (int pass = 0; pass < 2; pass++) {
        bool first = true;
        for (int i = 0; i < h->objects.n; i++) {
            const struct sql_object *o = VEC_AT(h->objects, i, const struct sql_object *);
            if (o->drop != (pass == 1))
                continue;
            strbuf_printf(&b, "%s %s %s", first ? (pass ? " drops" : " creates") : ",", o->kind,
                          name(c, o->name));
            if (o->table)
                strbuf_printf(&b, " on %s", name(c, o->table));
            first = false;
        }
    }
    return strbuf_to_arena(&b, c->a);
}

static bool op_execute(struct conv *c, const struct py_expr *call, struct strbuf *b)
{
    static const char *const known[] = {"execution_options", "sqltext", NULL};
    const char *sql = str_of(arg(call, 0, "sqltext"));
    if (!sql && arg(call, 0, "sqltext"))
        sql = core_statement(c, arg(call, 0, "sqltext"));
    if (!sql && arg(call, 0, "sqltext") && arg(call, 0, "sqltext")->kind == PY_CALL)
        return fail(c, "execute() of a SQLAlchemy statement migc cannot write as SQL");
    if (!sql || unknown_kw(call, known))
        return fail(c, "execute() of something other than SQL text");
    /* trailing blanks and semicolons would make empty statements */
    size_t n = strlen(sql);
    while (n &&
           (sql[n - 1] == ' ' || sql[n - 1] == '\n' || sql[n - 1] == '\t' || sql[n - 1] == ';'))
        n--;
    size_t k = 0;
    while (k < n && (sql[k] == ' ' || sql[k] == '\n' || sql[k] == '\t'))
        k++;
    const char *body = arena_strndup(c->a, sql + k, n - k);
    const char *tag = dollar_tag(c, body);
    struct sql_heads heads;
    sql_read_heads(c->a, body, &heads);
    strbuf_printf(b, "sql%s %s %s %s%s;\n", dialect_name(c->a, c->target), tag, body, tag,
                  declarations(c, &heads));
    /* SQL that makes or removes objects changes the schema: no longer
       data alone, whose empty downgrade could be kept */
    if (!heads.objects.n)
        c->data_ops++;
    /* SQL run on every dialect that makes what only PostgreSQL has: so
       Alembic runs the history on PostgreSQL only, and so must migc */
    for (int i = 0; i < heads.objects.n && !c->target; i++) {
        const char *kind = VEC_AT(heads.objects, i, const struct sql_object *)->kind;
        static const char *const pg_kinds[] = {"function", "sequence", "type", "extension",
                                               "policy", "materialized view", NULL};
        for (int k = 0; pg_kinds[k]; k++)
            c->postgres_only |= !strcmp(kind, pg_kinds[k]);
    }
    c->sql_blocks++;
    if (heads.undeclarable)
        note(c, "the SQL changes a table, index, view or type in a way no declaration can say "
                "(\"%s\"): write it as statements", heads.undeclarable);
    return true;
}

/* bulk_insert(t, [{'a': 1}, ...]) with t bound to sa.table('name', ...). */
static bool op_bulk_insert(struct conv *c, const struct py_expr *call, struct strbuf *b)
{
    const struct py_expr *t = arg(call, 0, "table"), *rows = arg(call, 1, "rows");
    const char *table = NULL;
    if (t && is_call(t, "table"))
        table = str_of(arg(t, 0, NULL));
    for (int i = 0; t && t->kind == PY_NAME && i < c->bindings.n; i++) {
        const struct binding *bd = VEC_AT(c->bindings, i, const struct binding *);
        if (!strcmp(bd->name, t->text))
            table = bd->table;
    }
    if (!table)
        return fail(c, "bulk_insert() into a table not given by sa.table('name', ...)");
    if (!rows || rows->kind != PY_LIST || !rows->items.n || call->items.n > 2)
        return fail(c, "bulk_insert() rows are not a literal list of dicts");
    const struct py_expr *first = VEC_AT(rows->items, 0, const struct py_expr *);
    if (first->kind != PY_DICT || !first->items.n)
        return fail(c, "bulk_insert() rows are not a literal list of dicts");
    struct strbuf out = {0};
    strbuf_printf(&out, "insert into %s (", name(c, table));
    int ncols = first->items.n / 2;
    for (int k = 0; k < ncols; k++) {
        const char *key = str_of(VEC_AT(first->items, 2 * k, const struct py_expr *));
        if (!key) {
            strbuf_free(&out);
            return fail(c, "bulk_insert() row keys are not strings");
        }
        strbuf_printf(&out, "%s%s", k ? ", " : "", name(c, key));
    }
    strbuf_puts(&out, ") values");
    for (int r = 0; r < rows->items.n; r++) {
        const struct py_expr *row = VEC_AT(rows->items, r, const struct py_expr *);
        if (row->kind != PY_DICT || row->items.n != 2 * ncols) {
            strbuf_free(&out);
            return fail(c, "bulk_insert() rows do not all name the same columns");
        }
        strbuf_printf(&out, "%s\n(", r ? "," : "");
        for (int k = 0; k < ncols; k++) {
            const char *key = str_of(VEC_AT(row->items, 2 * k, const struct py_expr *));
            const char *want = str_of(VEC_AT(first->items, 2 * k, const struct py_expr *));
            const char *v = literal(c, VEC_AT(row->items, 2 * k + 1, const struct py_expr *));
            if (!key || strcmp(key, want) || !v) {
                strbuf_free(&out);
                return fail(c, "bulk_insert() row %d is not literal values for the same columns",
                            r + 1);
            }
            strbuf_printf(&out, "%s%s", k ? ", " : "", v);
        }
        strbuf_putc(&out, ')');
    }
    strbuf_puts(&out, ";\n");
    strbuf_puts(b, strbuf_str(&out));
    strbuf_free(&out);
    c->data_ops++;
    return true;
}

/* One op.X(...) or batch_op.X(...) call into b. */
static bool convert_op(struct conv *c, const struct py_expr *call, bool batch, struct strbuf *b)
{
    const char *op = call->base->text;
    for (int i = 0; i < call->items.n; i++) {
        const char *kw = VEC_AT(call->items, i, const struct py_arg *)->kw;
        if (kw && (!strcmp(kw, "*") || !strcmp(kw, "**")))
            return fail(c, "arguments unpacked with %s", kw);
    }
    if (c->target && strcmp(op, "execute"))
        return fail(c, "op.%s() runs on one dialect only, which only a sql block can say", op);
    if (!strcmp(op, "create_table") && !batch)
        return op_create_table(c, call, b);
    if (!strcmp(op, "drop_table") && !batch) {
        const char *t = str_of(arg(call, 0, "table_name"));
        if (!t || call->items.n != 1)
            return fail(c, "drop_table() of a table not named by a string");
        /* the table's indexes go with it, in Alembic as in .mig */
        strbuf_printf(b, "drop table %s;\n", name(c, t));
        /* Alembic leaves the enum types of a table it drops; the
           downgrade must drop what its upgrade created */
        for (int i = 0; i < c->enums.n; i++) {
            struct conv_enum *et = VEC_AT(c->enums, i, struct conv_enum *);
            if (et->decl && !et->dropped && et->table && !et->column && !strcmp(et->table, t)) {
                strbuf_printf(b, "drop type %s;\n", name(c, et->name));
                et->dropped = true;
            }
        }
        return true;
    }
    if (!strcmp(op, "rename_table") && !batch) {
        const char *from = str_of(arg(call, 0, "old_table_name"));
        const char *to = str_of(arg(call, 1, "new_table_name"));
        if (!from || !to || call->items.n != 2)
            return fail(c, "rename_table() of tables not named by strings");
        strbuf_printf(b, "rename table %s to %s;\n", name(c, from), name(c, to));
        return true;
    }
    if (!strcmp(op, "add_column"))
        return op_add_column(c, call, batch, b);
    if (!strcmp(op, "drop_column")) {
        const char *t = op_table(c, call, batch, 0, "table_name");
        const char *col = str_of(arg(call, batch ? 0 : 1, "column_name"));
        static const char *const known[] = {"table_name", "column_name", "existing_type",
                                            "existing_nullable", "existing_server_default", NULL};
        if (!t || !col || unknown_kw(call, known))
            return fail(c, "drop_column() of a column not named by strings");
        strbuf_printf(b, "alter table %s drop column %s;\n", name(c, t), name(c, col));
        for (int i = 0; i < c->enums.n && !batch; i++) {
            struct conv_enum *et = VEC_AT(c->enums, i, struct conv_enum *);
            if (et->decl && !et->dropped && et->column && !strcmp(et->table, t) &&
                !strcmp(et->column, col)) {
                strbuf_printf(b, "drop type %s;\n", name(c, et->name));
                et->dropped = true;
            }
        }
        return true;
    }
    if (!strcmp(op, "alter_column"))
        return op_alter_column(c, call, batch, b);
    if (!strcmp(op, "create_index"))
        return op_create_index(c, call, batch, b);
    if (!strcmp(op, "drop_index")) {
        static const char *const known[] = {"table_name", "index_name", "postgresql_concurrently",
                                            NULL};
        const char *n = str_of(arg(call, 0, "index_name"));
        if (!n || unknown_kw(call, known) || is_true(arg(call, -1, "postgresql_concurrently")))
            return fail(c, "drop_index() of an index not named by a string, or concurrently");
        strbuf_printf(b, "drop index %s;\n", name(c, n));
        return true;
    }
    if (!strcmp(op, "create_foreign_key") || !strcmp(op, "create_unique_constraint") ||
        !strcmp(op, "create_check_constraint") || !strcmp(op, "create_primary_key"))
        return op_add_constraint(c, op, call, batch, b);
    if (!strcmp(op, "drop_constraint")) {
        static const char *const known[] = {"type_", "constraint_name", "table_name", NULL};
        const char *n = str_of(arg(call, 0, "constraint_name"));
        const char *t = op_table(c, call, batch, 1, "table_name");
        if (!n || !t || unknown_kw(call, known))
            return fail(c, "drop_constraint() of a constraint not named by strings");
        strbuf_printf(b, "alter table %s drop constraint %s;\n", name(c, t), name(c, n));
        return true;
    }
    if (!strcmp(op, "execute"))
        return op_execute(c, call, b);
    if (!strcmp(op, "bulk_insert") && !batch)
        return op_bulk_insert(c, call, b);
    return fail(c, "%s.%s() is not an operation migc converts", batch ? c->batch_var : "op", op);
}

/* ---- statements -------------------------------------------------------------- */

static void convert_body(struct conv *c, const struct vec *body);

/* Whether e names the dialect: X.dialect.name, X.engine.name,
   X.bind.dialect.name, with X op.get_bind()/op.get_context()/context or a
   name bound to one. */
static bool is_dialect_name(const struct py_expr *e)
{
    if (!e || e->kind != PY_ATTR || strcmp(e->text, "name") || !e->base)
        return false;
    const char *owner = last_name(e->base);
    return owner && (!strcmp(owner, "dialect") || !strcmp(owner, "engine"));
}

/* The targets mask of the migc dialects (dialect.h) a dialect test
   selects; -1 when cond is not one. */
static int dialect_mask(const struct py_expr *cond)
{
    if (!cond)
        return -1;
    if (cond->kind == PY_UNARY && !strcmp(cond->text, "not")) {
        int m = dialect_mask(VEC_AT(cond->items, 0, const struct py_expr *));
        return m < 0 ? -1 : (int)(dialect_all() & ~(unsigned)m);
    }
    if (cond->kind != PY_BINARY)
        return -1;
    const struct py_expr *l = VEC_AT(cond->items, 0, const struct py_expr *);
    const struct py_expr *r = VEC_AT(cond->items, 1, const struct py_expr *);
    if (!strcmp(cond->text, "and") || !strcmp(cond->text, "or")) {
        int a = dialect_mask(l), b = dialect_mask(r);
        if (a < 0 || b < 0)
            return -1;
        return !strcmp(cond->text, "and") ? (a & b) : (a | b);
    }
    if (!is_dialect_name(l))
        return -1;
    int m = 0;
    const struct py_expr *const *vals = (const struct py_expr *const *)&r;
    int n = 1;
    if (r->kind == PY_LIST || r->kind == PY_TUPLE) {
        vals = (const struct py_expr *const *)r->items.items;
        n = r->items.n;
    }
    for (int i = 0; i < n; i++) {
        const char *s = str_of(vals[i]);
        if (!s)
            return -1;
        const struct dialect *d = dialect_find(s);
        if (d)
            m |= (int)d->target;
    }
    if (!strcmp(cond->text, "==") || !strcmp(cond->text, "in"))
        return (r->kind == PY_STR) == !strcmp(cond->text, "==") ? m : -1;
    if (!strcmp(cond->text, "!=") || !strcmp(cond->text, "not in"))
        return (r->kind == PY_STR) == !strcmp(cond->text, "!=")
                   ? (int)(dialect_all() & ~(unsigned)m)
                   : -1;
    return -1;
}

static void convert_dialect_branch(struct conv *c, const struct py_stmt *st,
                                   const struct vec *body, int mask)
{
    const struct dialect *saved = c->target;
    if (mask == 0) {
        strbuf_printf(c->out, "-- %s:%d: left out: runs only on databases migc does not target\n",
                      c->shown, st->first_line);
        return;
    }
    if ((unsigned)mask != dialect_all()) {
        const struct dialect *t = dialect_only((unsigned)mask);
        if (!t || (c->target && c->target != t)) {
            strbuf_printf(c->out, "-- %s:%d: left out: never runs\n", c->shown, st->first_line);
            return;
        }
        c->target = t;
    }
    convert_body(c, body);
    c->target = saved;
}

static bool is_op_object(const struct conv *c, const struct py_expr *e, bool *batch)
{
    *batch = false;
    if (!e || e->kind != PY_NAME)
        return false;
    if (!strcmp(e->text, "op"))
        return true;
    *batch = c->batch_var && !strcmp(e->text, c->batch_var);
    return *batch;
}

static const struct py_stmt *find_def(const struct py_module *m, const char *n);
static void convert_body(struct conv *c, const struct vec *body);

/* f(), f a function of the module other than upgrade and downgrade: its
   body read in place (a helper that seeds data, say), its names its own.
   NULL when it was; else why f() cannot be followed. */
static const char *inline_helper(struct conv *c, const struct py_expr *call)
{
    const char *f = call->base->text;
    const struct py_stmt *def = find_def(c->mod, f);
    if (!def || def->decorated || !strcmp(f, "upgrade") || !strcmp(f, "downgrade"))
        return "a call migc cannot follow";
    if (call->items.n)
        return "a call of a function of this file with arguments, which migc cannot follow";
    for (int i = 0; i < c->inlined.n; i++)
        if (!strcmp(VEC_AT(c->inlined, i, const char *), f))
            return "a function of this file calling itself, which migc does not follow again";
    vec_push(c->a, &c->inlined, (void *)f);
    int nbound = c->bindings.n;
    const char *bv = c->batch_var, *bt = c->batch_table;
    c->batch_var = c->batch_table = NULL;
    convert_body(c, &def->body);
    c->batch_var = bv;
    c->batch_table = bt;
    c->bindings.n = nbound;
    c->inlined.n--;
    return NULL;
}

/* An op.X(...) statement (or the value of an assignment): the statement,
   or a placeholder. True when it converted. */
static bool convert_call(struct conv *c, const struct py_stmt *st, const struct py_expr *e)
{
    bool batch;
    if (e->kind == PY_CALL && e->base->kind == PY_ATTR && is_op_object(c, e->base->base, &batch)) {
        struct strbuf b = {0};
        int nenums = c->enums.n;
        if (convert_op(c, e, batch, &b)) {
            /* the enum types its columns name come first */
            const char *table = NULL, *column = NULL;
            if (!batch && !strcmp(e->base->text, "create_table")) {
                table = str_of(arg(e, 0, "table_name"));
            } else if (!batch && !strcmp(e->base->text, "add_column")) {
                const struct py_expr *col = arg(e, 1, "column");
                table = str_of(arg(e, 0, "table_name"));
                column = is_call(col, "Column") ? str_of(arg(col, 0, "name")) : NULL;
                table = column ? table : NULL;
            }
            for (int i = nenums; i < c->enums.n; i++) {
                struct conv_enum *et = VEC_AT(c->enums, i, struct conv_enum *);
                et->table = table;
                et->column = column;
                if (et->decl)
                    strbuf_puts(c->out, et->decl);
            }
            strbuf_puts(c->out, strbuf_str(&b));
            strbuf_free(&b);
            c->converted++;
            if (c->notes.n) {
                struct strbuf why = {0};
                for (int i = 0; i < c->notes.n; i++)
                    strbuf_printf(&why, "%s%s", i ? "; " : "", VEC_AT(c->notes, i, const char *));
                unresolved(c, st, strbuf_to_arena(&why, c->a));
            }
            return true;
        }
        strbuf_free(&b);
        c->enums.n = nenums;
        unresolved(c, st, c->why);
        return false;
    }
    const char *why = e->kind == PY_CALL && e->base->kind == PY_NAME ? inline_helper(c, e)
                                                                     : "a call migc cannot follow";
    if (!why)
        return true;
    unresolved(c, st, why);
    return false;
}

static const struct binding *bound(const struct conv *c, const char *n)
{
    for (int i = c->bindings.n - 1; i >= 0; i--) {
        const struct binding *b = VEC_AT(c->bindings, i, const struct binding *);
        if (!strcmp(b->name, n))
            return b;
    }
    return NULL;
}

static void convert_stmt(struct conv *c, const struct py_stmt *st)
{
    c->why = NULL;
    c->notes.n = 0;
    switch (st->kind) {
    case PYS_PASS:
    case PYS_IMPORT:
        return;
    case PYS_EXPR: {
        const struct py_expr *e = st->value;
        if (e->kind == PY_STR)
            return; /* a docstring or a string used as a comment */
        /* meta.reflect(...) reads the database into a MetaData: nothing
           to convert */
        if (is_call(e, "reflect") && e->base->kind == PY_ATTR && e->base->base->kind == PY_NAME &&
            bound(c, e->base->base->text) && bound(c, e->base->base->text)->metadata)
            return;
        convert_call(c, st, e);
        return;
    }
    case PYS_ASSIGN: {
        const struct py_expr *t = st->target, *v = st->value;
        if (t->kind == PY_NAME && v->kind == PY_CALL) {
            struct binding *b = arena_alloc(c->a, sizeof *b);
            b->name = t->text;
            if ((is_call(v, "table") || is_call(v, "Table")) && str_of(arg(v, 0, NULL))) {
                b->table = str_of(arg(v, 0, NULL));
                vec_push(c->a, &c->bindings, b);
                return;
            }
            if (is_call(v, "MetaData")) {
                b->metadata = true;
                vec_push(c->a, &c->bindings, b);
                return;
            }
            bool batch;
            if (is_call(v, "create_table") && v->base->kind == PY_ATTR &&
                is_op_object(c, v->base->base, &batch) && !batch) {
                /* t = op.create_table(...), for a bulk_insert into t */
                b->table = str_of(arg(v, 0, "table_name"));
                if (convert_call(c, st, v) && b->table)
                    vec_push(c->a, &c->bindings, b);
                return;
            }
            if ((is_call(v, "get_bind") || is_call(v, "get_context")) && v->items.n == 0) {
                vec_push(c->a, &c->bindings, b);
                return;
            }
        }
        unresolved(c, st, "an assignment migc cannot follow");
        return;
    }
    case PYS_WITH: {
        const struct py_expr *v = st->value;
        bool batch;
        if (is_call(v, "batch_alter_table") && v->base->kind == PY_ATTR &&
            is_op_object(c, v->base->base, &batch) && !batch && str_of(arg(v, 0, "table_name")) &&
            (!st->target || st->target->kind == PY_NAME)) {
            static const char *const known[] = {"table_name", "recreate", "schema", "copy_from",
                                                "table_args", "table_kwargs", "reflect_args",
                                                "reflect_kwargs", "naming_convention",
                                                "partial_reordering", NULL};
            if (unknown_kw(v, known) || given(v, "schema") || given(v, "copy_from") ||
                given(v, "partial_reordering")) {
                unresolved(c, st, "batch_alter_table() with arguments migc cannot follow");
                return;
            }
            const char *sv = c->batch_var, *st_ = c->batch_table;
            c->batch_var = st->target ? st->target->text : NULL;
            c->batch_table = str_of(arg(v, 0, "table_name"));
            convert_body(c, &st->body);
            c->batch_var = sv;
            c->batch_table = st_;
            return;
        }
        if (is_call(v, "autocommit_block") && !st->target) {
            convert_body(c, &st->body);
            return;
        }
        unresolved(c, st, "a with block migc cannot follow");
        return;
    }
    case PYS_IF: {
        int m = dialect_mask(st->value);
        if (m < 0) {
            unresolved(c, st, "a condition migc cannot evaluate");
            return;
        }
        convert_dialect_branch(c, st, &st->body, m);
        if (st->orelse.n)
            convert_dialect_branch(c, st, &st->orelse, (int)(dialect_all() & ~(unsigned)m));
        return;
    }
    case PYS_DEF:
        unresolved(c, st, "a nested function migc cannot follow");
        return;
    case PYS_OTHER:
        unresolved(c, st, "Python migc cannot follow");
        return;
    }
}

static void convert_body(struct conv *c, const struct vec *body)
{
    for (int i = 0; i < body->n; i++)
        convert_stmt(c, VEC_AT(*body, i, const struct py_stmt *));
}

/* ---- the module ------------------------------------------------------------ */

/* revision ids, as .mig takes them */
static bool valid_id(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > 32)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
              (s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
            return false;
    return true;
}

/* A module-level id list: a string, a tuple or list of strings, or None
   (empty). Errors at the value. */
static bool id_list(struct conv *c, const struct py_expr *v, const char *what, struct vec *out,
                    bool labels)
{
    if (!v || v->kind == PY_NONE)
        return true;
    const struct py_expr *const *items = (const struct py_expr *const *)&v;
    int n = 1;
    if (v->kind == PY_TUPLE || v->kind == PY_LIST) {
        items = (const struct py_expr *const *)v->items.items;
        n = v->items.n;
    }
    for (int i = 0; i < n; i++) {
        const char *s = str_of(items[i]);
        if (!s) {
            diag_error(c->d, items[i]->loc, "%s is not a string, a tuple of strings or None", what);
            return false;
        }
        if (!valid_id(s)) {
            diag_error(c->d, items[i]->loc, "%s \"%s\" cannot be a .mig %s", what, s,
                       labels ? "branch label" : "revision id");
            diag_detail(c->d, "A .mig %s is at most 32 letters, digits and underscores.",
                        labels ? "branch label" : "revision id");
            return false;
        }
        vec_push(c->a, out, (void *)s);
    }
    return true;
}

static void put_ids(struct strbuf *b, const char *item, const struct vec *ids)
{
    if (!ids->n)
        return;
    strbuf_printf(b, "%s ", item);
    for (int i = 0; i < ids->n; i++)
        strbuf_printf(b, "%s%s", i ? ", " : "", VEC_AT(*ids, i, const char *));
    strbuf_putc(b, '\n');
}

static const struct py_stmt *find_def(const struct py_module *m, const char *n)
{
    const struct py_stmt *found = NULL;
    for (int i = 0; i < m->body.n; i++) {
        const struct py_stmt *s = VEC_AT(m->body, i, const struct py_stmt *);
        if (s->kind == PYS_DEF && !strcmp(s->name, n))
            found = s;
    }
    return found;
}

/* Whether a function body does nothing (pass, docstrings, comments). */
static bool body_empty(const struct vec *body)
{
    for (int i = 0; i < body->n; i++) {
        const struct py_stmt *s = VEC_AT(*body, i, const struct py_stmt *);
        if (s->kind != PYS_PASS && !(s->kind == PYS_EXPR && s->value->kind == PY_STR))
            return false;
    }
    return true;
}

/* Converts a function's body into out; returns how many statements it had. */
static void convert_function(struct conv *c, const struct py_stmt *def, struct strbuf *out)
{
    c->out = out;
    c->bindings.n = c->module_bindings;
    c->target = NULL;
    c->batch_var = c->batch_table = NULL;
    if (def->decorated || def->body.n == 0) {
        unresolved(c, def, "a decorated function migc cannot follow");
        return;
    }
    convert_body(c, &def->body);
}

/* "Create Date: X" of the docstring, when X is a date .mig accepts. */
static const char *created_of(struct conv *c, const char *doc)
{
    const char *p = doc ? strstr(doc, "Create Date:") : NULL;
    if (!p)
        return NULL;
    p += strlen("Create Date:");
    while (*p == ' ' || *p == '\t')
        p++;
    size_t n = strcspn(p, "\r\n");
    while (n && (p[n - 1] == ' ' || p[n - 1] == '\t'))
        n--;
    const char *v = arena_strndup(c->a, p, n);
    const char *probe =
        arena_printf(c->a, "revision p\nrevises base\nmessage 'p'\ncreated %s\nupgrade {\n}\n",
                     render_string(c->a, v));
    struct diag quiet;
    diag_init(&quiet, c->a);
    parse_migration(c->a, &quiet, "probe", probe, strlen(probe));
    return quiet.errors ? NULL : v;
}

struct alembic_revision *alembic_convert(struct arena *a, struct diag *d, const char *file,
                                         const char *shown, const char *text, size_t len)
{
    struct py_module *m = py_parse(a, d, file, text, len);
    if (!m)
        return NULL;
    /* The name goes into comments and placeholder bodies: a line break or
       a dollar sign in it must not end either. */
    char *safe = arena_strdup(a, shown);
    for (char *p = safe; *p; p++)
        if ((unsigned char)*p < 0x20 || *p == '$' || *p == 0x7f)
            *p = '?';
    shown = safe;
    struct conv c = {.a = a, .d = d, .file = m->file, .shown = shown, .mod = m};
    const struct py_expr *rev = NULL, *down = NULL, *labels = NULL, *deps = NULL;
    const char *doc = NULL;
    struct loc rev_loc = {m->file, 1, 1, 1};
    for (int i = 0; i < m->body.n; i++) {
        const struct py_stmt *s = VEC_AT(m->body, i, const struct py_stmt *);
        if (i == 0 && s->kind == PYS_EXPR && s->value->kind == PY_STR)
            doc = s->value->text;
        if (s->kind != PYS_ASSIGN || s->target->kind != PY_NAME)
            continue;
        const char *t = s->target->text;
        if (!strcmp(t, "revision")) {
            rev = s->value;
            rev_loc = s->loc;
        } else if (!strcmp(t, "down_revision")) {
            down = s->value;
        } else if (!strcmp(t, "branch_labels")) {
            labels = s->value;
        } else if (!strcmp(t, "depends_on")) {
            deps = s->value;
        }
    }
    if (!rev) {
        diag_error(d, rev_loc, "no \"revision = '...'\" at the top level of this file");
        diag_detail(d,
                    "An Alembic revision file names its revision id in a module-level assignment.");
        return NULL;
    }
    /* t = sa.table('name', ...) at the module level, for the functions */
    for (int i = 0; i < m->body.n; i++) {
        const struct py_stmt *s = VEC_AT(m->body, i, const struct py_stmt *);
        const struct py_expr *v = s->value;
        if (s->kind == PYS_ASSIGN && s->target->kind == PY_NAME &&
            (is_call(v, "table") || is_call(v, "Table")) && str_of(arg(v, 0, NULL))) {
            struct binding *b = arena_alloc(a, sizeof *b);
            b->name = s->target->text;
            b->table = str_of(arg(v, 0, NULL));
            vec_push(a, &c.bindings, b);
        }
    }
    c.module_bindings = c.bindings.n;
    struct vec ids = {0}, parents = {0}, branches = {0}, depends = {0};
    if (!id_list(&c, rev, "revision", &ids, false) ||
        !id_list(&c, down, "down_revision", &parents, false) ||
        !id_list(&c, labels, "branch_labels", &branches, true) ||
        !id_list(&c, deps, "depends_on", &depends, false))
        return NULL;
    if (ids.n != 1) {
        diag_error(d, rev->loc, "revision is not one string");
        return NULL;
    }
    struct alembic_revision *r = arena_alloc(a, sizeof *r);
    r->source = m->file;
    r->revision = VEC_AT(ids, 0, const char *);

    const char *message = NULL;
    if (doc) {
        while (*doc == ' ' || *doc == '\n' || *doc == '\r' || *doc == '\t')
            doc++;
        size_t n = strcspn(doc, "\r\n");
        while (n && doc[n - 1] == ' ')
            n--;
        message = arena_strndup(a, doc, n);
        /* Alembic's template without a message starts with the header */
        if (!strncmp(message, "Revision ID:", 12))
            message = NULL;
    }
    if (!message || !*message)
        message = r->revision;
    const char *s = author_slug(a, message);
    r->name = arena_printf(a, "%s%s%s.mig", r->revision, *s ? "_" : "", s);

    struct strbuf up = {0}, downb = {0};
    const struct py_stmt *fup = find_def(m, "upgrade"), *fdown = find_def(m, "downgrade");
    if (fup)
        convert_function(&c, fup, &up);
    /* An upgrade that only changes data with SQL (and inserts) leaves the
       schema as it was: Alembic's downgrade that does nothing is then
       kept as it is, where deriving one past opaque SQL is impossible. */
    bool data_only = c.sql_blocks && c.data_ops == c.converted && !c.unresolved;
    bool derive = !fdown || (body_empty(&fdown->body) && !data_only &&
                             !body_empty(fup ? &fup->body : &(struct vec){0}));
    if (fdown && !derive)
        convert_function(&c, fdown, &downb);
    /* The schema statements of the upgrade could be inverted, but not its
       SQL: a person says what the downgrade is. */
    bool stuck = derive && c.sql_blocks && (fdown || fup);
    if (stuck) {
        c.out = &downb;
        unresolved(&c, fdown ? fdown : fup,
                   "the upgrade runs SQL beside its schema changes, which migc cannot derive a "
                   "downgrade past, and Alembic's downgrade() does nothing");
        derive = false;
    }

    struct strbuf b = {0};
    strbuf_printf(&b, "-- Converted from Alembic: %s\nrevision %s\nrevises ", shown, r->revision);
    if (!parents.n)
        strbuf_puts(&b, "base");
    for (int i = 0; i < parents.n; i++)
        strbuf_printf(&b, "%s%s", i ? ", " : "", VEC_AT(parents, i, const char *));
    strbuf_printf(&b, "\nmessage %s\n", render_string(a, message));
    const char *created = created_of(&c, doc);
    if (created)
        strbuf_printf(&b, "created %s\n", render_string(a, created));
    put_ids(&b, "branch", &branches);
    put_ids(&b, "depends on", &depends);
    if (c.concurrently)
        strbuf_puts(&b, "transaction none\n");
    if (!fup) {
        diag_warning(d, rev_loc, "no upgrade() function in this file");
        strbuf_printf(&b, "\n-- %s has no upgrade()\n", shown);
    }
    strbuf_printf(&b, "\nupgrade {\n%s}\n", strbuf_str(&up));
    if ((fdown && !derive) || stuck) {
        strbuf_printf(&b, "\ndowngrade {\n%s}\n", strbuf_str(&downb));
    } else if (fdown) {
        r->derived_downgrade = true;
        strbuf_printf(&b,
                      "\n-- The Alembic downgrade() did nothing; migc derives the downgrade.\n");
    }
    strbuf_free(&up);
    strbuf_free(&downb);
    const char *raw = strbuf_to_arena(&b, a);
    const char *out = fmt_text(a, d, r->name, raw, strlen(raw), false);
    if (!out) {
        diag_detail(d, "The converted text of %s does not parse; this is a bug in migc convert.",
                    shown);
        return NULL;
    }
    r->text = out;
    r->unresolved = c.unresolved;
    r->postgres_only = c.postgres_only;
    r->statements = c.converted + c.unresolved;
    r->status = !c.unresolved ? ALEMBIC_FULL : c.converted ? ALEMBIC_PARTLY : ALEMBIC_BY_HAND;
    return r;
}
