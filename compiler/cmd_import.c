/* migc import: adopt an existing database. The live schema is read with
   the runtime's own catalog reader (the facts a migrator's check compares),
   spelled as a declarative model, loaded and checked like one
   (autogen_load_model), and printed by the .mig renderer: the first
   migration and models.schema hold the same schema. What the language
   cannot say goes into a sql block, as the database prints it, with a
   warning naming the object. */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "arena.h"
#include "author.h"
#include "autogen.h"
#include "cli.h"
#include "compile.h"
#include "diag.h"
#include "dialect.h"
#include "fmt.h"
#include "migrator.h"
#include "parse.h"
#include "render.h"
#include "schema.h"

static const char import_usage[] =
    "usage: migc import URL [DIR] [--rev-id ID] [--message MSG] [--schema NAME]\n"
    "\n"
    "Read the schema of an existing database (sqlite:///FILE or postgresql://...)\n"
    "and write a new project into DIR (default migrations): a first migration\n"
    "that creates exactly that schema, and models.schema. Objects the language\n"
    "cannot express go into sql blocks, with a warning each.\n"
    "\n"
    "options:\n"
    "  --rev-id ID     the revision id (default: the row of an alembic_version\n"
    "                  table when there is one, else a fresh id)\n"
    "  --message MSG   the migration's message (default 'initial schema')\n"
    "  --schema NAME   PostgreSQL: the schema to read (default: the current one)\n";

struct imp_col {
    const char *name, *type, *nullability, *dflt, *identity;
    /* PostgreSQL: the expression; SQLite: "stored" or "virtual"; "none"
       or NULL when the column is not generated. */
    const char *generated;
    const char *comment;       /* PostgreSQL: quoted as quote_literal does, or "none" */
};

struct imp_con {
    const char *name, *what, *def;
    const char *key;           /* the catalog's name: SQLite's "(cols)" */
};

struct imp_table {
    const char *name;          /* as the database spells it */
    struct vec cols, cons;     /* struct imp_col *, struct imp_con * */
    bool fallback;             /* written as SQL */
    const char *why;           /* NULL: the language cannot say a column or constraint */
    const char *comment;       /* PostgreSQL: quoted as quote_literal does, or "none" */
};

struct imp_obj {
    const char *table, *name, *def;
};

struct imp {
    struct arena *a;
    int dialect;
    const char *dname;         /* "postgres" or "sqlite" */
    struct vec tables;         /* struct imp_table * */
    struct vec indexes, views; /* struct imp_obj * */
    struct vec matviews;       /* struct imp_obj *: PostgreSQL's materialized views */
    struct vec types;          /* struct imp_obj *: enum types, def = their values */
    struct vec extensions;     /* struct imp_obj *: PostgreSQL extensions */
    struct vec gone;           /* struct imp_table *: bookkeeping, left out */
    struct imp_table **slots;  /* the tables by lower-case name (open addressing) */
    size_t nslots;
    struct strbuf sql;         /* the sql blocks */
    int nwarn;
};

/* The first place needle occurs in s, ignoring case; NULL when none. */
static const char *find_ci(const char *s, const char *needle)
{
    size_t n = strlen(needle);
    for (; *s; s++)
        if (strncasecmp(s, needle, n) == 0)
            return s;
    return NULL;
}

static size_t name_hash(const char *s)
{
    size_t h = 1469598103934665603u;
    for (; *s; s++)
        h = (h ^ (unsigned char)(*s >= 'A' && *s <= 'Z' ? *s + 32 : *s)) * 1099511628211u;
    return h;
}

/* The table's slot: where it is, or the empty slot where it would go. */
static struct imp_table **table_slot(struct imp *im, const char *name)
{
    size_t i = name_hash(name) & (im->nslots - 1);
    while (im->slots[i] && strcasecmp(im->slots[i]->name, name) != 0)
        i = (i + 1) & (im->nslots - 1);
    return &im->slots[i];
}

static struct imp_table *find_table(struct imp *im, const char *name)
{
    return im->nslots ? *table_slot(im, name) : NULL;
}

static struct imp_col *find_col(struct imp_table *t, const char *name)
{
    for (int i = t->cols.n - 1; i >= 0; i--) {
        struct imp_col *c = VEC_AT(t->cols, i, struct imp_col *);
        if (strcasecmp(c->name, name) == 0)
            return c;
    }
    return NULL;
}

static struct imp_con *find_con(struct imp_table *t, const char *key, const char *what)
{
    for (int i = t->cons.n - 1; i >= 0; i--) {
        struct imp_con *c = VEC_AT(t->cons, i, struct imp_con *);
        if (strcmp(c->key, key) == 0 && strcmp(c->what, what) == 0)
            return c;
    }
    return NULL;
}

/* The version tables of migc (NAME and NAME_applied, for any NAME) and
   of Alembic are bookkeeping, never schema: taken out of the tables. */
static void drop_bookkeeping(struct imp *im)
{
    struct vec keep = {0}, gone = {0};
    for (int i = 0; i < im->tables.n; i++) {
        struct imp_table *t = VEC_AT(im->tables, i, struct imp_table *);
        size_t n = strlen(t->name);
        if (strcasecmp(t->name, "alembic_version") == 0 || strcasecmp(t->name, "migc_version") == 0)
            vec_push(im->a, &gone, t);
        if (n > 8 && strcasecmp(t->name + n - 8, "_applied") == 0) {
            struct imp_table *v = find_table(im, arena_strndup(im->a, t->name, n - 8));
            if (v) {
                vec_push(im->a, &gone, t);
                vec_push(im->a, &gone, v);
            }
        }
    }
    for (int i = 0; i < im->tables.n; i++) {
        struct imp_table *t = VEC_AT(im->tables, i, struct imp_table *);
        bool out = false;
        for (int j = 0; j < gone.n && !out; j++)
            out = VEC_AT(gone, j, struct imp_table *) == t;
        if (!out)
            vec_push(im->a, &keep, t);
    }
    im->tables = keep;
    for (int j = 0; j < gone.n; j++)
        VEC_AT(gone, j, struct imp_table *)->fallback = true;
    im->gone = gone;
}

/* What check reads by existence only (functions, triggers, sequences no
   column owns, policies, types other than enums): only a sql block can
   create it. */
static bool is_unread(const struct drift_fact *x)
{
    static const char *const kinds[] = {"function", "trigger", "sequence", "policy"};
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (strcmp(x->kind, kinds[i]) == 0)
            return true;
    return strcmp(x->kind, "type") == 0 && strcmp(x->what, "enum type") != 0;
}

static void collect(struct imp *im, const struct drift_facts *f)
{
    struct arena *a = im->a;
    int ntables = 0;
    for (int i = 0; i < f->n; i++)
        ntables += strcmp(f->v[i].kind, "table") == 0 && !f->v[i].aspect[0];
    for (im->nslots = 16; im->nslots < (size_t)ntables * 2; im->nslots *= 2)
        ;
    im->slots = arena_alloc(a, sizeof *im->slots * im->nslots);
    for (int i = 0; i < f->n; i++) {
        const struct drift_fact *x = &f->v[i];
        if (strcmp(x->kind, "table") != 0 || x->aspect[0])
            continue;
        struct imp_table **slot = table_slot(im, x->raw_name);
        if (*slot)
            continue;
        struct imp_table *t = arena_alloc(a, sizeof *t);
        t->name = arena_strdup(a, x->raw_name);
        vec_push(a, &im->tables, t);
        *slot = t;
    }
    drop_bookkeeping(im);
    for (int i = 0; i < f->n; i++) {
        const struct drift_fact *x = &f->v[i];
        if (strcmp(x->kind, "table") == 0 && strcmp(x->aspect, "comment") == 0) {
            struct imp_table *t = find_table(im, x->raw_table);
            if (t)
                t->comment = arena_strdup(a, x->raw);
        }
        if (strcmp(x->kind, "table") == 0)
            continue;
        const struct imp_table *own = find_table(im, x->raw_table);
        bool kept = true;
        for (int j = 0; own && j < im->gone.n; j++)
            kept = kept && VEC_AT(im->gone, j, const struct imp_table *) != own;
        if (!kept)
            continue;
        const char *raw = arena_strdup(a, x->raw);
        if (strcmp(x->kind, "column") == 0) {
            struct imp_table *t = find_table(im, x->raw_table);
            if (!t)
                continue;
            struct imp_col *c = find_col(t, x->raw_name);
            if (!c) {
                c = arena_alloc(a, sizeof *c);
                c->name = arena_strdup(a, x->raw_name);
                vec_push(a, &t->cols, c);
            }
            if (strcmp(x->aspect, "type") == 0)
                c->type = raw;
            else if (strcmp(x->aspect, "nullability") == 0)
                c->nullability = raw;
            else if (strcmp(x->aspect, "default") == 0)
                c->dflt = raw;
            else if (strcmp(x->aspect, "identity") == 0)
                c->identity = raw;
            else if (strcmp(x->aspect, "generated") == 0)
                c->generated = raw;
            else if (strcmp(x->aspect, "comment") == 0)
                c->comment = raw;
        } else if (strcmp(x->kind, "constraint") == 0) {
            struct imp_table *t = find_table(im, x->raw_table);
            if (!t)
                continue;
            struct imp_con *c = find_con(t, x->name, x->what);
            if (!c) {
                c = arena_alloc(a, sizeof *c);
                c->name = arena_strdup(a, x->raw_name);
                c->key = arena_strdup(a, x->name);
                c->what = arena_strdup(a, x->what);
                vec_push(a, &t->cons, c);
            }
            if (!x->aspect[0])
                ;
            else if (strcmp(x->aspect, "definition") == 0)
                c->def = raw;
        } else if (strcmp(x->kind, "extension") == 0 && !x->aspect[0]) {
            /* Its schema is left out: the imported project names none,
               so check compares none (driver_pg.c's read_extensions). */
            struct imp_obj *o = arena_alloc(a, sizeof *o);
            o->name = arena_strdup(a, x->raw_name);
            vec_push(a, &im->extensions, o);
        } else if (!x->aspect[0] && is_unread(x)) {
            /* The catalog says only that it exists. */
            cli_warning("import", "%s \"%s\" is not imported: the catalog gives no definition "
                                  "of it to write",
                        x->what, x->raw_name);
        } else if (strcmp(x->kind, "index") == 0 || strcmp(x->kind, "view") == 0 ||
                   (strcmp(x->kind, "type") == 0 && strcmp(x->what, "enum type") == 0) ||
                   strcmp(x->kind, "materialized view") == 0) {
            struct vec *v = x->kind[0] == 'i'   ? &im->indexes
                            : x->kind[0] == 't' ? &im->types
                            : x->kind[0] == 'm' ? &im->matviews
                                                : &im->views;
            if (!x->aspect[0]) {
                struct imp_obj *o = arena_alloc(a, sizeof *o);
                o->table = arena_strdup(a, x->raw_table);
                o->name = arena_strdup(a, x->raw_name);
                vec_push(a, v, o);
            } else if ((strcmp(x->aspect, "definition") == 0 || strcmp(x->aspect, "values") == 0) &&
                       v->n) {
                VEC_AT(*v, v->n - 1, struct imp_obj *)->def = raw;
            }
        }
    }
}

/* ---- comments ---------------------------------------------------------- */

static void put_name(struct strbuf *b, const char *name);

/* One comment as the catalog quoted it (quote_literal: 'text' with quotes
   doubled, E'...' when it holds a backslash, which is then doubled too),
   written as the language's literal; nothing for "none". */
static void put_comment_on(struct strbuf *b, const char *table, const char *column,
                           const char *quoted)
{
    if (!quoted || quoted[0] == '\0' || strcmp(quoted, "none") == 0)
        return;
    bool e = quoted[0] == 'E';
    const char *p = quoted + (e ? 2 : 1);
    size_t n = strlen(p);
    strbuf_puts(b, column ? "comment on column " : "comment on table ");
    put_name(b, table);
    if (column) {
        strbuf_putc(b, '.');
        put_name(b, column);
    }
    strbuf_puts(b, " is '");
    for (size_t i = 0; i + 1 < n; i++) {
        if (p[i] == '\'') {
            strbuf_puts(b, "''");
            i++;
            continue;
        }
        strbuf_putc(b, p[i]);
        if (e && p[i] == '\\')
            i++;
    }
    strbuf_puts(b, "';\n");
}

static void put_comments(struct strbuf *b, const struct imp_table *t)
{
    put_comment_on(b, t->name, NULL, t->comment);
    for (int i = 0; i < t->cols.n; i++) {
        const struct imp_col *c = VEC_AT(t->cols, i, const struct imp_col *);
        put_comment_on(b, t->name, c->name, c->comment);
    }
}

/* ---- spelling the catalog's SQL in the language ----------------------- */

static const char *mig_type_of(struct arena *a, const char *raw);

/* PostgreSQL's time and timestamp, with a precision and a time zone
   clause: "timestamp(3) with time zone" is timestamptz(3). */
static const char *mig_time_type(struct arena *a, const char *t)
{
    static const char *const bases[] = {"timestamp", "time"};
    for (size_t i = 0; i < 2; i++) {
        size_t n = strlen(bases[i]);
        if (strncmp(t, bases[i], n) != 0)
            continue;
        const char *p = t + n, *prec = "";
        if (*p == '(') {
            size_t k = strspn(p + 1, "0123456789");
            if (k == 0 || p[1 + k] != ')')
                return NULL;
            prec = arena_strndup(a, p, k + 2);
            p += k + 2;
        }
        if (strcmp(p, " with time zone") == 0)
            return arena_printf(a, "%stz%s", bases[i], prec);
        if (*p == '\0' || strcmp(p, " without time zone") == 0)
            return arena_printf(a, "%s%s", bases[i], prec);
        return NULL;
    }
    return NULL;
}

/* The language's type for a type as the database prints it. A type the
   language does not name is native '...', as the database prints it
   (PostgreSQL's format_type, SQLite's declared type); on PostgreSQL an
   array is its element's type with []. */
static const char *mig_type(struct arena *a, int dialect, const char *raw)
{
    if (dialect == MIGC_SQLITE && (!raw[0] || strcmp(raw, "(none)") == 0))
        return NULL;
    const char *t = mig_type_of(a, raw);
    /* SQLite keeps a declared JSON as written; json is TEXT there. */
    if (t && !(dialect == MIGC_SQLITE && (!strcmp(t, "json") || !strcmp(t, "jsonb"))))
        return t;
    size_t n = strlen(raw);
    if (dialect == MIGC_POSTGRES && n > 2 && strcmp(raw + n - 2, "[]") == 0) {
        const char *elem = mig_type_of(a, arena_strndup(a, raw, n - 2));
        if (elem)
            return arena_printf(a, "%s[]", elem);
    }
    return arena_printf(a, "native %s", render_string(a, raw));
}

static const char *mig_type_of(struct arena *a, const char *raw)
{
    static const char *const same[][2] = {
        {"integer", "integer"}, {"int", "integer"}, {"int4", "integer"},
        {"bigint", "bigint"}, {"int8", "bigint"}, {"smallint", "smallint"},
        {"boolean", "boolean"}, {"bool", "boolean"}, {"real", "real"}, {"float", "real"},
        {"double precision", "double"}, {"double", "double"}, {"text", "text"},
        {"date", "date"}, {"time", "time"}, {"time without time zone", "time"},
        {"timestamp", "timestamp"}, {"timestamp without time zone", "timestamp"},
        {"timestamptz", "timestamptz"}, {"timestamp with time zone", "timestamptz"},
        {"uuid", "uuid"}, {"json", "json"}, {"jsonb", "jsonb"}, {"blob", "blob"},
        {"bytea", "blob"}, {"numeric", "numeric"}, {"decimal", "numeric"},
        {"datetime", "datetime"}, {"interval", "interval"}, {"inet", "inet"},
        {"cidr", "cidr"}, {"macaddr", "macaddr"}, {"tsvector", "tsvector"},
        {"tsquery", "tsquery"}, {"money", "money"}, {"xml", "xml"},
    };
    char *t = arena_strlower(a, raw);
    for (size_t i = 0; i < sizeof same / sizeof same[0]; i++)
        if (strcmp(t, same[i][0]) == 0)
            return same[i][1];
    const char *tt = mig_time_type(a, t);
    if (tt)
        return tt;
    static const char *const sized[][2] = {
        {"character varying(", "varchar("}, {"varchar(", "varchar("},
        {"character(", "char("}, {"char(", "char("}, {"numeric(", "numeric("},
        {"decimal(", "numeric("}, {"interval(", "interval("},
    };
    for (size_t i = 0; i < sizeof sized / sizeof sized[0]; i++) {
        size_t n = strlen(sized[i][0]);
        if (strncmp(t, sized[i][0], n) != 0)
            continue;
        const char *p = t + n;
        size_t k = strspn(p, "0123456789, ");
        if (k == 0 || strcmp(p + k, ")") != 0)
            return NULL;
        return arena_printf(a, "%s%s", sized[i][1], p);
    }
    return NULL;
}

/* A column's type in the language: an enum type of the database by the
   name it prints (quoted when it must be), else mig_type's. */
static const char *col_type(const struct imp *im, const char *raw)
{
    size_t n = strlen(raw);
    size_t elem = n > 2 && strcmp(raw + n - 2, "[]") == 0 ? n - 2 : n;
    for (int i = 0; i < im->types.n; i++) {
        const struct imp_obj *e = VEC_AT(im->types, i, const struct imp_obj *);
        struct strbuf b = {0};
        render_put_name(&b, e->name);
        bool same = strlen(strbuf_str(&b)) == elem && strncmp(strbuf_str(&b), raw, elem) == 0;
        strbuf_free(&b);
        if (same)
            return raw;
    }
    return mig_type(im->a, im->dialect, raw);
}

/* True when the text before a cast, b, ends with a literal: 'string',
   a number, or a parenthesized number ((0)::numeric). */
static bool literal_before(const struct strbuf *b)
{
    const char *s = b->s;
    size_t n = b->len;
    if (n == 0)
        return false;
    if (s[n - 1] == '\'')
        return true;
    size_t k = n;
    if (s[k - 1] == ')')
        k--;
    size_t e = k;
    while (k > 0 && ((s[k - 1] >= '0' && s[k - 1] <= '9') || s[k - 1] == '.' || s[k - 1] == '-'))
        k--;
    if (k == e)
        return false;
    if (e != n)
        return k > 0 && s[k - 1] == '(';
    return k == 0 || !((s[k - 1] >= 'a' && s[k - 1] <= 'z') || (s[k - 1] >= 'A' && s[k - 1] <= 'Z') ||
                        s[k - 1] == '_' || s[k - 1] == '"');
}

/* A negative number is printed as a string with a cast ('-3'::integer):
   when b ends with a string that is a number, it loses its quotes. */
static void unquote_number(struct strbuf *b)
{
    if (b->len < 3 || b->s[b->len - 1] != '\'')
        return;
    size_t q = b->len - 2;
    while (q > 0 && b->s[q] != '\'')
        q--;
    if (b->s[q] != '\'' || q + 2 >= b->len)
        return;
    for (size_t k = q + 1; k < b->len - 1; k++)
        if (!((b->s[k] >= '0' && b->s[k] <= '9') || b->s[k] == '.' || (k == q + 1 && b->s[k] == '-')))
            return;
    memmove(b->s + q, b->s + q + 1, b->len - q - 2);
    b->len -= 2;
    b->s[b->len] = '\0';
}

/* A type name as format_type prints it (n bytes at name), in the
   language's spelling where the two differ. */
static void put_type_name(struct strbuf *b, const char *name, size_t n)
{
    static const char *const spellings[][2] = {
        {"character varying", "varchar"}, {"character", "char"},
        {"timestamp without time zone", "timestamp"}, {"timestamp with time zone", "timestamptz"},
        {"time without time zone", "time"},
    };
    for (size_t i = 0; i < sizeof spellings / sizeof spellings[0]; i++)
        if (strlen(spellings[i][0]) == n && strncmp(name, spellings[i][0], n) == 0) {
            strbuf_puts(b, spellings[i][1]);
            return;
        }
    strbuf_putn(b, name, n);
}

/* The index just after the quoted run that opens at s[i] and closes with
   q (a doubled q stays inside), or the end of s when it never closes:
   what stands in quotes is copied as it is. */
static size_t quoted_end(const char *s, size_t i, char q)
{
    size_t j = i + 1;
    while (s[j] && !(s[j] == q && s[j + 1] != q))
        j += s[j] == q ? 2 : 1;
    return j + (s[j] ? 1 : 0);
}

/* PostgreSQL prints the casts it adds itself: on literals ('a'::character
   varying, (0)::numeric) and to text for comparisons of varchar columns.
   The language writes those bare, and PostgreSQL adds the same casts back
   when it stores the expression. Any other cast is kept (and the
   expression then goes to a sql block if the language cannot read it). */
static const char *strip_casts(struct arena *a, const char *s)
{
    static const char *const phrases[] = {
        "character varying", "timestamp without time zone", "timestamp with time zone",
        "time without time zone", "time with time zone", "double precision",
    };
    struct strbuf b = {0};
    for (size_t i = 0; s[i];) {
        if (s[i] == '\'' || s[i] == '"') {
            size_t j = quoted_end(s, i, s[i]);
            strbuf_putn(&b, s + i, j - i);
            i = j;
            continue;
        }
        if (s[i] == ':' && s[i + 1] == ':') {
            size_t j = i + 2, k = 0;
            for (size_t p = 0; p < sizeof phrases / sizeof phrases[0]; p++)
                if (strncasecmp(s + j, phrases[p], strlen(phrases[p])) == 0)
                    k = strlen(phrases[p]);
            if (!k)
                while (s[j + k] && (s[j + k] == '_' || s[j + k] == '.' ||
                                    (s[j + k] >= 'a' && s[j + k] <= 'z') ||
                                    (s[j + k] >= '0' && s[j + k] <= '9')))
                    k++;
            bool to_text = (k == 4 && strncmp(s + j, "text", 4) == 0) ||
                           (k == 17 && strncmp(s + j, "character varying", 17) == 0);
            static const char *const numeric[] = {"integer", "bigint", "smallint", "numeric",
                                                  "real", "double precision"};
            bool to_number = false;
            for (size_t p = 0; p < sizeof numeric / sizeof numeric[0]; p++)
                to_number = to_number || (k == strlen(numeric[p]) && strncmp(s + j, numeric[p], k) == 0);
            size_t name = j;
            j += k;
            bool typmod = false;
            if (s[j] == '(') {
                size_t e = j + 1 + strspn(s + j + 1, "0123456789, ");
                if (s[e] == ')')
                    j = e + 1, typmod = true;
            }
            while (s[j] == '[' && s[j + 1] == ']')
                j += 2;
            /* PostgreSQL's own casts carry no length or precision: one
               that does was written (0::numeric(10,2), 'a'::varchar(5)). */
            if (typmod || (!to_text && !literal_before(&b))) {
                strbuf_puts(&b, "::");
                put_type_name(&b, s + name, k);
                strbuf_putn(&b, s + name + k, j - name - k);
            } else if (to_number) {
                unquote_number(&b);
            }
            i = j;
            continue;
        }
        strbuf_putc(&b, s[i++]);
    }
    /* x = ANY (ARRAY[a, b]) is how PostgreSQL prints x IN (a, b). */
    const char *t = strbuf_str(&b);
    struct strbuf o = {0};
    for (;;) {
        const char *any = find_ci(t, " = ANY (ARRAY[");
        const char *all = find_ci(t, " <> ALL (ARRAY[");
        const char *m = any && (!all || any < all) ? any : all;
        if (!m)
            break;
        size_t skip = m == any ? 14 : 15;
        const char *end = strstr(m + skip, "])");
        if (!end)
            break;
        strbuf_putn(&o, t, (size_t)(m - t));
        strbuf_puts(&o, m == any ? " IN (" : " NOT IN (");
        strbuf_putn(&o, m + skip, (size_t)(end - m - skip));
        strbuf_puts(&o, ")");
        t = end + 2;
    }
    strbuf_puts(&o, t);
    strbuf_free(&b);
    return strbuf_to_arena(&o, a);
}

static bool word_at(const char *s, const char *w)
{
    size_t n = strlen(w);
    return strncasecmp(s, w, n) == 0 && !(isalnum((unsigned char)s[n]) || s[n] == '_');
}

/* SQLite keeps an expression as written, and migc writes is [not]
   distinct from and collate "C" there as IS NOT, IS and COLLATE BINARY
   (render_sqlite.c): those read back as the language's forms. */
static const char *sqlite_forms(struct arena *a, const char *s)
{
    static const char *const after_is[] = {"not", "null", "true", "false", "distinct"};
    struct strbuf b = {0};
    for (size_t i = 0; s[i];) {
        if (s[i] == '\'' || s[i] == '"' || s[i] == '`' || s[i] == '[') {
            size_t j = quoted_end(s, i, s[i] == '[' ? ']' : s[i]);
            strbuf_putn(&b, s + i, j - i);
            i = j;
            continue;
        }
        bool start = i == 0 || !(isalnum((unsigned char)s[i - 1]) || s[i - 1] == '_');
        if (start && word_at(s + i, "collate")) {
            size_t j = i + 7 + strspn(s + i + 7, " ");
            if (word_at(s + j, "binary")) {
                strbuf_puts(&b, "COLLATE \"C\"");
                i = j + 6;
                continue;
            }
        }
        if (start && word_at(s + i, "is")) {
            size_t j = i + 2 + strspn(s + i + 2, " ");
            bool neg = word_at(s + j, "not");
            size_t k = neg ? j + 3 + strspn(s + j + 3, " ") : j;
            bool plain = true;
            for (size_t w = neg ? 1 : 0; w < sizeof after_is / sizeof after_is[0]; w++)
                plain = plain && !word_at(s + k, after_is[w]);
            if (plain) {
                strbuf_puts(&b, neg ? "IS DISTINCT FROM " : "IS NOT DISTINCT FROM ");
                i = k;
                continue;
            }
        }
        strbuf_putc(&b, s[i++]);
    }
    return strbuf_to_arena(&b, a);
}

static const char *expr_text(struct imp *im, const char *s)
{
    return im->dialect == MIGC_POSTGRES ? strip_casts(im->a, s) : sqlite_forms(im->a, s);
}

/* True when every dialect has every collation e names. */
static bool collations_portable(const struct expr *e)
{
    if (!e)
        return true;
    for (int i = 0; e->kind == EXPR_COLLATE && i < dialect_count; i++)
        if (!dialect_table[i]->has_collation(e->text))
            return false;
    for (int i = 0; i < e->nargs; i++)
        if (!collations_portable(e->args[i]))
            return false;
    return true;
}

static bool expr_portable(const struct expr *e)
{
    return !expr_uses_pg_only(e) && collations_portable(e);
}

/* True when every expression of a parsed model statement is on both
   dialects: the imported project targets both, so the others (what only
   PostgreSQL has, a collation such as SQLite's nocase) go to sql blocks. */
static bool stmt_portable(const struct stmt *st)
{
    for (int i = 0; i < st->columns.n; i++) {
        const struct column_def *c = VEC_AT(st->columns, i, const struct column_def *);
        if (!expr_portable(c->dflt))
            return false;
        for (int j = 0; j < c->constraints.n; j++)
            if (!expr_portable(VEC_AT(c->constraints, j, const struct constraint_def *)->check))
                return false;
    }
    for (int i = 0; i < st->constraints.n; i++)
        if (!expr_portable(VEC_AT(st->constraints, i, const struct constraint_def *)->check))
            return false;
    for (int i = 0; i < st->elems.n; i++)
        if (!expr_portable(VEC_AT(st->elems, i, const struct index_elem *)->expr))
            return false;
    return expr_portable(st->where);
}

/* True when text parses as a model (syntax only; nothing is reported)
   that both dialects can run. */
static bool parses(struct arena *a, const char *text)
{
    (void)a;
    /* A scratch arena: thousands of trials must not pile up. */
    struct arena scratch = {0};
    struct diag quiet;
    diag_init(&quiet, &scratch);
    struct vec out = {0};
    parse_model(&scratch, &quiet, "import", text, strlen(text), &out);
    bool ok = !diag_failed(&quiet) && out.n > 0;
    for (int i = 0; ok && i < out.n; i++)
        ok = stmt_portable(VEC_AT(out, i, const struct stmt *));
    arena_free(&scratch);
    return ok;
}

static void put_name(struct strbuf *b, const char *name)
{
    render_put_name(b, name);
}

/* The position of the first '(' outside quotes at or after i, or 0. */
static size_t open_paren(const char *s, size_t i)
{
    for (; s[i]; i++) {
        if (s[i] == '"' || s[i] == '\'') {
            char q = s[i];
            for (i++; s[i] && s[i] != q; i++)
                ;
            if (!s[i])
                return 0;
        } else if (s[i] == '(') {
            return i;
        }
    }
    return 0;
}

/* The position just past the ')' closing the '(' at i, or 0. */
static size_t close_paren(const char *s, size_t i)
{
    int depth = 0;
    for (; s[i]; i++) {
        if (s[i] == '"' || s[i] == '\'') {
            char q = s[i];
            for (i++; s[i] && s[i] != q; i++)
                ;
            if (!s[i])
                return 0;
        } else if (s[i] == '(') {
            depth++;
        } else if (s[i] == ')' && --depth == 0) {
            return i + 1;
        }
    }
    return 0;
}

static const char *trim(struct arena *a, const char *s, size_t n)
{
    while (n && (*s == ' ' || *s == '\n' || *s == '\t'))
        s++, n--;
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\n' || s[n - 1] == '\t' || s[n - 1] == ';'))
        n--;
    return arena_strndup(a, s, n);
}

static bool simple_name(const char *s)
{
    if (*s == '"')
        return s[strlen(s) - 1] == '"' && !strchr(s + 1, '"')[1];
    for (const char *p = s; *p; p++)
        if (!(*p == '_' || (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
              (p > s && *p >= '0' && *p <= '9')))
            return false;
    return *s != '\0';
}

/* Takes a trailing " WORDS" (case aside) off the element el: true when
   it was there. */
static bool strip_suffix(struct arena *a, const char **el, const char *words)
{
    size_t n = strlen(*el), k = strlen(words);
    if (n <= k || strcasecmp(*el + n - k, words) != 0)
        return false;
    *el = arena_strndup(a, *el, n - k);
    return true;
}

/* The operator class PostgreSQL prints after an index element (title
   gin_trgm_ops, lower(title) text_pattern_ops): a plain word after a
   space outside parentheses and quotes, following the end of an operand
   rather than an operator. Takes it off *el; NULL when there is none. */
static const char *strip_opclass(struct arena *a, const char **el)
{
    const char *s = *el;
    size_t sp = 0;
    int depth = 0;
    for (size_t i = 0; s[i]; i++) {
        if (s[i] == '\'' || s[i] == '"') {
            char q = s[i];
            for (i++; s[i] && s[i] != q; i++)
                ;
            if (!s[i])
                return NULL;
        } else if (s[i] == '(') {
            depth++;
        } else if (s[i] == ')') {
            depth--;
        } else if (s[i] == ' ' && depth == 0) {
            sp = i;
        }
    }
    if (!sp || !simple_name(s + sp + 1) || s[sp + 1] == '"')
        return NULL;
    char before = s[sp - 1];
    if (!(before == ')' || before == '"' || before == '_' || (before >= 'a' && before <= 'z') ||
          (before >= 'A' && before <= 'Z') || (before >= '0' && before <= '9')))
        return NULL;
    /* A word operator (x is null, a and b) is no operand's end. */
    static const char *const words[] = {"and", "or", "not", "is", "null", "in", "like",
                                        "between", "collate"};
    size_t ws = sp;
    while (ws > 0 && s[ws - 1] != ' ' && s[ws - 1] != '(')
        ws--;
    for (size_t w = 0; w < sizeof words / sizeof words[0]; w++)
        if (strlen(words[w]) == sp - ws && strncasecmp(s + ws, words[w], sp - ws) == 0)
            return NULL;
    const char *opclass = arena_strdup(a, s + sp + 1);
    *el = arena_strndup(a, s, sp);
    return opclass;
}

/* An index as a create index statement, or NULL when the definition has
   more than the language says. */
static const char *index_stmt(struct imp *im, const struct imp_obj *ix)
{
    struct arena *a = im->a;
    const char *d = ix->def;
    if (!d)
        return NULL;
    size_t op = open_paren(d, 0), cp = op ? close_paren(d, op) : 0;
    if (!cp)
        return NULL;
    char *head = arena_strlower(a, arena_strndup(a, d, op));
    const char *using = strstr(head, " using ");
    struct strbuf b = {0};
    strbuf_puts(&b, strncmp(head, "create unique", 13) == 0 ? "create unique index " : "create index ");
    put_name(&b, ix->name);
    strbuf_puts(&b, " on ");
    put_name(&b, ix->table);
    if (using && strncmp(using, " using btree ", 13) != 0)
        strbuf_printf(&b, " %s", trim(a, using, strlen(using)));
    strbuf_puts(&b, " (");
    size_t start = op + 1;
    int depth = 0;
    for (size_t i = op + 1; i < cp; i++) {
        if (d[i] == '\'' || d[i] == '"') {
            char q = d[i];
            for (i++; i < cp && d[i] != q; i++)
                ;
            continue;
        }
        if (d[i] == '(')
            depth++;
        else if (d[i] == ')')
            depth--;
        if ((d[i] == ',' && depth == 0) || i == cp - 1) {
            const char *el = trim(a, d + start, i - start);
            const char *dir = "", *nulls = "";
            if (strip_suffix(a, &el, " nulls first"))
                nulls = " nulls first";
            else if (strip_suffix(a, &el, " nulls last"))
                nulls = " nulls last";
            if (strip_suffix(a, &el, " desc"))
                dir = " desc";
            else
                strip_suffix(a, &el, " asc");
            const char *opclass = im->dialect == MIGC_POSTGRES ? strip_opclass(a, &el) : NULL;
            el = expr_text(im, el);
            strbuf_puts(&b, start == op + 1 ? "" : ", ");
            if (simple_name(el))
                strbuf_puts(&b, el);
            else
                strbuf_printf(&b, "(%s)", el);
            if (opclass)
                strbuf_printf(&b, " %s", opclass);
            strbuf_puts(&b, dir);
            strbuf_puts(&b, nulls);
            start = i + 1;
        }
    }
    strbuf_puts(&b, ")");
    const char *rest = trim(a, d + cp, strlen(d + cp));
    if (strncasecmp(rest, "include (", 9) == 0) {
        size_t end = close_paren(rest, 8);
        if (!end)
            return NULL;
        strbuf_printf(&b, " include %.*s", (int)(end - 8), rest + 8);
        rest = trim(a, rest + end, strlen(rest + end));
    }
    if (strncasecmp(rest, "nulls not distinct", 18) == 0) {
        strbuf_puts(&b, " nulls not distinct");
        rest = trim(a, rest + 18, strlen(rest + 18));
    }
    if (*rest) {
        if (strncasecmp(rest, "where ", 6) != 0)
            return NULL;
        strbuf_printf(&b, " where (%s)", expr_text(im, rest + 6));
    }
    strbuf_puts(&b, ";\n");
    const char *s = strbuf_to_arena(&b, a);
    return parses(a, s) ? s : NULL;
}

/* A constraint as the language writes it inside create table, or NULL. */
static const char *constraint_text(struct imp *im, const struct imp_con *c)
{
    struct arena *a = im->a;
    struct strbuf b = {0};
    if (c->name[0] != '(') {
        strbuf_puts(&b, "constraint ");
        put_name(&b, c->name);
        strbuf_puts(&b, " ");
    }
    if (im->dialect == MIGC_POSTGRES) {
        if (!c->def)
            return NULL;
        strbuf_puts(&b, expr_text(im, c->def));
    } else if (strcmp(c->what, "primary key") == 0 || strcmp(c->what, "unique constraint") == 0) {
        strbuf_printf(&b, "%s %s", c->what[0] == 'p' ? "primary key" : "unique", c->key);
    } else if (strcmp(c->what, "foreign key") == 0) {
        /* "references T (cols) on update A on delete A", from the pragma */
        const char *def = c->def ? c->def : "";
        const char *empty = strstr(def, " () ");
        strbuf_printf(&b, "foreign key %s ", c->key);
        if (empty) {
            strbuf_putn(&b, def, (size_t)(empty - def));
            strbuf_puts(&b, empty + 3);
        } else {
            strbuf_puts(&b, def);
        }
    } else if (strcmp(c->what, "check constraint") == 0) {
        strbuf_printf(&b, "check %s", expr_text(im, c->def ? c->def : c->name));
    } else {
        return NULL;
    }
    return strbuf_to_arena(&b, a);
}

static bool is_generated(const struct imp_col *c)
{
    return c->generated && strcmp(c->generated, "none") != 0;
}

static bool is_fk(const struct imp *im, const struct imp_con *c)
{
    return strcmp(c->what ? c->what : "", "foreign key") == 0 && (im->dialect == MIGC_POSTGRES || c->def);
}

/* The table a foreign key references, from its definition. */
static const char *fk_target(struct imp *im, const struct imp_con *c)
{
    const char *d = c->def ? c->def : "";
    const char *r = find_ci(d, "references ");
    if (!r)
        return "";
    r += 11;
    size_t n = 0;
    if (*r == '"') {
        const char *e = strchr(r + 1, '"');
        return e ? arena_strndup(im->a, r + 1, (size_t)(e - r - 1)) : "";
    }
    while (r[n] && r[n] != '(' && r[n] != ' ')
        n++;
    return arena_strndup(im->a, r, n);
}

static void warn(struct imp *im, const char *what, const char *name, const char *why)
{
    cli_warning("import", "%s \"%s\" is imported as a sql %s block: %s", what, name, im->dname,
                why);
    im->nwarn++;
}

static void sql_block(struct imp *im, const char *sql)
{
    const char *tag = strstr(sql, "$$") ? "$imp$" : "$$";
    strbuf_printf(&im->sql, "sql %s %s\n%s;\n%s;\n", im->dname, tag, sql, tag);
}

/* A table the language cannot say, as SQL: SQLite's own statement; on
   PostgreSQL, put together from the catalog's pieces (foreign keys come
   later, once every table exists). */
static void table_sql(struct imp *im, struct migc_driver const *drv, void *conn,
                      const struct imp_table *t);

struct first_row {
    struct arena *a;
    const char *v;
    int rows;
};

static int on_first(void *ctx, int ncols, const char *const *v)
{
    struct first_row *r = ctx;
    if (ncols > 0 && r->rows++ == 0)
        r->v = v[0] ? arena_strdup(r->a, v[0]) : NULL;
    return 0;
}

static void table_sql(struct imp *im, struct migc_driver const *drv, void *conn,
                      const struct imp_table *t)
{
    struct arena *a = im->a;
    if (im->dialect == MIGC_SQLITE) {
        struct first_row r = {a, NULL, 0};
        struct migc_err e = {0};
        const char *p = t->name;
        if (drv->query(conn, "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?1",
                       &p, 1, on_first, &r, &e) == 0 && r.v)
            sql_block(im, r.v);
        return;
    }
    struct strbuf b = {0};
    strbuf_puts(&b, "CREATE TABLE ");
    strbuf_put_quoted(&b, t->name, '"');
    strbuf_puts(&b, " (");
    for (int i = 0; i < t->cols.n; i++) {
        const struct imp_col *c = VEC_AT(t->cols, i, const struct imp_col *);
        strbuf_puts(&b, i ? ",\n    " : "\n    ");
        strbuf_put_quoted(&b, c->name, '"');
        strbuf_printf(&b, " %s", c->type ? c->type : "text");
        if (c->nullability && strcmp(c->nullability, "not null") == 0)
            strbuf_puts(&b, " NOT NULL");
        if (c->dflt && strcmp(c->dflt, "none") != 0)
            strbuf_printf(&b, " DEFAULT %s", c->dflt);
        if (is_generated(c))
            strbuf_printf(&b, " GENERATED ALWAYS AS (%s) STORED", c->generated);
        if (c->identity && strcmp(c->identity, "always") == 0)
            strbuf_puts(&b, " GENERATED ALWAYS AS IDENTITY");
        else if (c->identity && strcmp(c->identity, "by default") == 0)
            strbuf_puts(&b, " GENERATED BY DEFAULT AS IDENTITY");
    }
    for (int i = 0; i < t->cons.n; i++) {
        const struct imp_con *c = VEC_AT(t->cons, i, const struct imp_con *);
        if (is_fk(im, c))
            continue;
        strbuf_puts(&b, ",\n    CONSTRAINT ");
        strbuf_put_quoted(&b, c->name, '"');
        strbuf_printf(&b, " %s", c->def ? c->def : "");
    }
    strbuf_puts(&b, "\n)");
    sql_block(im, strbuf_to_arena(&b, a));
}

/* Constraints in a stable order, whatever order the catalog lists them
   in: the primary key first, then by name. */
static int cmp_table(const void *x, const void *y)
{
    const struct imp_table *a = *(const struct imp_table *const *)x;
    const struct imp_table *b = *(const struct imp_table *const *)y;
    return strcmp(a->name, b->name);
}

static int cmp_con(const void *x, const void *y)
{
    const struct imp_con *a = *(const struct imp_con *const *)x, *b = *(const struct imp_con *const *)y;
    bool pa = a->what && strcmp(a->what, "primary key") == 0;
    bool pb = b->what && strcmp(b->what, "primary key") == 0;
    if (pa != pb)
        return pa ? -1 : 1;
    return strcmp(a->name, b->name);
}

/* SQLite: a single INTEGER primary key column is the rowid, which the
   language writes as identity. */
static bool rowid_alias(const struct imp *im, const struct imp_table *t, const struct imp_col *c)
{
    if (im->dialect != MIGC_SQLITE || !c->type || strcasecmp(c->type, "integer") != 0)
        return false;
    for (int i = 0; i < t->cons.n; i++) {
        const struct imp_con *k = VEC_AT(t->cons, i, const struct imp_con *);
        if (k->what && strcmp(k->what, "primary key") == 0)
            return strlen(k->key) == strlen(c->name) + 2 &&
                   strncasecmp(k->key + 1, c->name, strlen(c->name)) == 0;
    }
    return false;
}

/* PostgreSQL: the serial type of column c, or NULL when it is not what
   serial makes (an integer type, not null, drawing from the sequence
   named as PostgreSQL names a serial column's). */
static const char *serial_type(const struct imp *im, const struct imp_table *t,
                               const struct imp_col *c, const char *type)
{
    static const char *const kinds[][2] = {
        {"integer", "serial"}, {"bigint", "bigserial"}, {"smallint", "smallserial"},
    };
    if (im->dialect != MIGC_POSTGRES || !c->dflt || !c->nullability ||
        strcmp(c->nullability, "not null") != 0 || (c->identity && strcmp(c->identity, "none") != 0))
        return NULL;
    const char *seq = schema_serial_sequence_name(im->a, t->name, c->name);
    if (strcmp(c->dflt, arena_printf(im->a, "nextval(%s::regclass)",
                                     render_string(im->a, render_name(im->a, seq)))) != 0)
        return NULL;
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (strcmp(type, kinds[i][0]) == 0)
            return kinds[i][1];
    return NULL;
}

/* A table as create table text, or NULL when a column cannot be said
   natively. Constraints that cannot are added in sql blocks; foreign keys
   to a table written as SQL too (the model does not know that table). */
static const char *table_text(struct imp *im, const struct imp_table *t, struct vec *late)
{
    struct arena *a = im->a;
    struct strbuf b = {0};
    strbuf_puts(&b, "create table ");
    put_name(&b, t->name);
    strbuf_puts(&b, " (");
    for (int i = 0; i < t->cols.n; i++) {
        const struct imp_col *c = VEC_AT(t->cols, i, const struct imp_col *);
        const char *type = c->type ? col_type(im, c->type) : NULL;
        if (!type)
            return NULL;
        const char *serial = serial_type(im, t, c, type);
        strbuf_puts(&b, i ? ",\n    " : "\n    ");
        put_name(&b, c->name);
        strbuf_printf(&b, " %s", serial ? serial : type);
        if (serial)
            continue;
        if (c->nullability && strcmp(c->nullability, "not null") == 0)
            strbuf_puts(&b, " not null");
        /* PostgreSQL tells the expression; SQLite only that there is one. */
        if (is_generated(c) && im->dialect != MIGC_POSTGRES)
            return NULL;
        if (c->dflt && strcmp(c->dflt, "none") != 0) {
            /* SQLite tells a default without its parentheses, which a
               collate needs after default (bare, it would be the
               column's collation). */
            const char *d = expr_text(im, c->dflt);
            strbuf_printf(&b, find_ci(d, "collate ") ? " default (%s)" : " default %s", d);
        }
        if (is_generated(c))
            strbuf_printf(&b, " generated always as (%s) stored", expr_text(im, c->generated));
        if (c->identity && strcmp(c->identity, "always") == 0)
            return NULL;
        if ((c->identity && strcmp(c->identity, "by default") == 0) || rowid_alias(im, t, c))
            strbuf_puts(&b, " identity");
    }
    if (!parses(a, arena_printf(a, "%s\n);", strbuf_str(&b))))
        return NULL;
    for (int i = 0; i < t->cons.n; i++) {
        const struct imp_con *c = VEC_AT(t->cons, i, const struct imp_con *);
        const char *text = constraint_text(im, c);
        bool ok = text != NULL;
        if (ok && is_fk(im, c)) {
            const struct imp_table *to = find_table(im, fk_target(im, c));
            ok = !to || !to->fallback;
        }
        if (ok)
            ok = parses(a, arena_printf(a, "create table t (x int, %s);", text));
        if (ok) {
            strbuf_printf(&b, ",\n    %s", text);
        } else if (c->name[0] != '(' && c->def && im->dialect == MIGC_POSTGRES) {
            vec_push(a, late, (void *)c);
            vec_push(a, late, (void *)t);
        } else {
            return NULL;
        }
    }
    strbuf_puts(&b, "\n);\n");
    return strbuf_to_arena(&b, a);
}

/* ---- the project ------------------------------------------------------ */

static bool holds_migrations(struct arena *a, const char *dir)
{
    const char *dirs[2] = {dir, arena_printf(a, "%s/versions", dir)};
    for (int k = 0; k < 2; k++) {
        DIR *d = opendir(dirs[k]);
        if (!d)
            continue;
        struct dirent *e;
        bool found = false;
        while (!found && (e = readdir(d))) {
            size_t n = strlen(e->d_name);
            found = n > 4 && strcmp(e->d_name + n - 4, ".mig") == 0;
        }
        closedir(d);
        if (found)
            return true;
    }
    return false;
}

static int fail(struct migc_err *e)
{
    cli_error("import", "%s", e->msg);
    if (e->detail[0])
        cli_detail("%s", e->detail);
    if (e->hint[0])
        cli_hint("%s", e->hint);
    return 1;
}

struct mark_ctx {
    struct imp *im;
};

static int mark_options(void *ctx, int ncols, const char *const *v)
{
    struct mark_ctx *m = ctx;
    struct imp_table *t = ncols > 0 && v[0] ? find_table(m->im, v[0]) : NULL;
    if (t) {
        t->fallback = true;
        t->why = "it is a WITHOUT ROWID or STRICT table";
    }
    return 0;
}

/* The index in v (struct imp_obj *) of the object named name, or -1. */
static int find_obj_at(const struct vec *v, const char *name)
{
    for (int i = 0; i < v->n; i++)
        if (strcmp(VEC_AT(*v, i, const struct imp_obj *)->name, name) == 0)
            return i;
    return -1;
}

static bool find_obj(const struct vec *v, const char *name)
{
    return find_obj_at(v, name) >= 0;
}

static int run(struct arena *a, struct rt *rt, const char *url, const char *dir,
               const char *rev_id, const char *message, const char *schema)
{
    struct migc_err e = {0};
    struct dburl u = {0};
    if (dburl_parse(rt, url, "the command line", &u, &e)) {
        fail(&e);
        return 2;
    }
    if (holds_migrations(a, dir)) {
        cli_error("import", "\"%s\" already holds migrations", dir);
        cli_hint("Import into a new directory: migc import URL DIR.");
        return 1;
    }
    const struct migc_driver *drv = u.dialect == MIGC_POSTGRES ? &driver_pg : &driver_sqlite;
    struct driver_opts o = {.busy_timeout_ms = 5000, .create = false, .url = &u,
                            .schema = schema, .app_name = "migc import"};
    void *conn = NULL;
    if (drv->open(u.target, &o, &conn, &e))
        return fail(&e);
    struct drift_facts facts = {0};
    struct imp im = {.a = a, .dialect = u.dialect,
                     .dname = u.dialect == MIGC_POSTGRES ? "postgres" : "sqlite"};
    int rc = 1;
    if (drv->begin(conn, &e) || drv->catalog(conn, &facts, &e)) {
        drv->close(conn);
        drift_free(&facts);
        return fail(&e);
    }
    collect(&im, &facts);
    drift_free(&facts);        /* collect copied what it keeps */
    /* Catalog order follows where rows happen to lie, which two databases
       of one schema need not share: by name, the same schema imports as
       the same text (and a cycle of foreign keys is split at the same
       key). */
    if (im.tables.n > 1)
        qsort(im.tables.items, (size_t)im.tables.n, sizeof *im.tables.items, cmp_table);
    for (int i = 0; i < im.tables.n; i++) {
        struct imp_table *t = VEC_AT(im.tables, i, struct imp_table *);
        if (t->cons.n > 1)
            qsort(t->cons.items, (size_t)t->cons.n, sizeof *t->cons.items, cmp_con);
    }
    /* Alembic's revision, when the database has one. */
    bool exists = false;
    const char *alembic = NULL;
    if (drv->table_exists(conn, "alembic_version", &exists, &e) == 0 && exists) {
        struct first_row r = {a, NULL, 0};
        if (drv->query(conn, "SELECT version_num FROM alembic_version", NULL, 0, on_first, &r,
                       &e) == 0 && r.rows == 1 && r.v && author_valid_id(r.v))
            alembic = r.v;
    }
    if (im.tables.n == 0 && im.views.n == 0 && im.matviews.n == 0) {
        cli_error("import", "the database %s has no tables or views to import",
                  dburl_display(rt, url));
        goto out;
    }

    /* SQLite's table options have no words in the language. */
    struct mark_ctx mc = {&im};
    if (im.dialect == MIGC_SQLITE &&
        drv->query(conn, "SELECT name FROM sqlite_master WHERE type = 'table' AND "
                         "(rtrim(lower(sql)) LIKE '%without rowid' OR rtrim(lower(sql)) LIKE "
                         "'%strict' OR rtrim(lower(sql)) LIKE '%strict, without rowid' OR "
                         "rtrim(lower(sql)) LIKE '%without rowid, strict')",
                   NULL, 0, mark_options, &mc, &e))
        goto fail;
    /* Tables: natively when the language says every column. */
    struct strbuf model = {0};
    /* Extensions first: the types and operator classes they bring are
       what later columns and indexes use. */
    for (int i = 0; i < im.extensions.n; i++) {
        strbuf_puts(&model, "create extension ");
        put_name(&model, VEC_AT(im.extensions, i, const struct imp_obj *)->name);
        strbuf_puts(&model, ";\n");
    }
    for (int i = 0; i < im.types.n; i++) {
        const struct imp_obj *e = VEC_AT(im.types, i, const struct imp_obj *);
        strbuf_puts(&model, "create type ");
        put_name(&model, e->name);
        strbuf_printf(&model, " as enum (%s);\n", e->def ? e->def : "");
    }
    struct vec late = {0};
    for (int i = 0; i < im.tables.n; i++) {
        struct imp_table *t = VEC_AT(im.tables, i, struct imp_table *);
        for (int j = 0; j < t->cols.n; j++) {
            const struct imp_col *c = VEC_AT(t->cols, j, const struct imp_col *);
            if (!c->type || !col_type(&im, c->type) ||
                (c->identity && strcmp(c->identity, "always") == 0))
                t->fallback = true;
        }
    }
    for (int i = 0; i < im.tables.n; i++) {
        struct imp_table *t = VEC_AT(im.tables, i, struct imp_table *);
        const char *text = t->fallback ? NULL : table_text(&im, t, &late);
        if (text) {
            strbuf_puts(&model, text);
            put_comments(&model, t);
            continue;
        }
        t->fallback = true;
        warn(&im, "table", t->name,
             t->why ? t->why : "the language cannot say all of its columns or constraints");
        table_sql(&im, drv, conn, t);
    }
    for (int i = 0; i < im.tables.n; i++) {
        struct imp_table *t = VEC_AT(im.tables, i, struct imp_table *);
        for (int j = 0; t->fallback && im.dialect == MIGC_POSTGRES && j < t->cons.n; j++)
            if (is_fk(&im, VEC_AT(t->cons, j, struct imp_con *))) {
                vec_push(a, &late, VEC_AT(t->cons, j, void *));
                vec_push(a, &late, t);
            }
    }
    for (int i = 0; i < late.n; i += 2) {
        const struct imp_con *c = VEC_AT(late, i, const struct imp_con *);
        const struct imp_table *t = VEC_AT(late, i + 1, const struct imp_table *);
        if (!t->fallback)
            warn(&im, "constraint", c->name, "the language cannot say its definition");
        struct strbuf b = {0};
        strbuf_puts(&b, "ALTER TABLE ");
        strbuf_put_quoted(&b, t->name, '"');
        strbuf_puts(&b, " ADD CONSTRAINT ");
        strbuf_put_quoted(&b, c->name, '"');
        strbuf_printf(&b, " %s", c->def);
        sql_block(&im, strbuf_to_arena(&b, a));
    }
    for (int i = 0; i < im.indexes.n; i++) {
        const struct imp_obj *ix = VEC_AT(im.indexes, i, const struct imp_obj *);
        if (find_obj(&im.matviews, ix->table))
            continue; /* after its materialized view, below */
        const struct imp_table *t = find_table(&im, ix->table);
        const char *text = t && !t->fallback ? index_stmt(&im, ix) : NULL;
        if (text) {
            strbuf_puts(&model, text);
        } else if (ix->def) {
            /* The index of a table written as SQL goes with it. */
            if (!t || !t->fallback)
                warn(&im, "index", ix->name, "the language cannot say its definition");
            sql_block(&im, ix->def);
        }
    }
    /* Views: each natively when the model with it still loads (its body
       compiles against the tables), else as SQL. A view may read another:
       passes go on while one more is taken. */
    const char *base = strbuf_to_arena(&model, a);
    /* A PostgreSQL schema that uses what only PostgreSQL has (index
       methods, deferrable keys, ...) makes a project for PostgreSQL. */
    unsigned targets = dialect_all();
    if (im.matviews.n)
        targets = dialect_find("postgres")->target;
    else if (im.dialect == MIGC_POSTGRES) {
        struct diag quiet;
        diag_init(&quiet, a);
        if (!autogen_load_model(a, &quiet, "import", base, strlen(base), targets, NULL))
            targets = dialect_find("postgres")->target;
    }
    const char *only = targets == dialect_all() ? "" : " --dialect postgres";
    /* Materialized views after the views, in the same passes (one may
       read the other). */
    int nviews = im.views.n;
    struct vec all = {0};
    for (int i = 0; i < im.views.n; i++)
        vec_push(a, &all, im.views.items[i]);
    for (int i = 0; i < im.matviews.n; i++)
        vec_push(a, &all, im.matviews.items[i]);
    bool *taken = arena_alloc(a, sizeof *taken * (size_t)(all.n + 1));
    for (bool more = true; more;) {
        more = false;
        for (int i = 0; i < all.n; i++) {
            const struct imp_obj *v = VEC_AT(all, i, const struct imp_obj *);
            if (taken[i] || !v->def)
                continue;
            const char *body = v->def;
            if (im.dialect == MIGC_SQLITE) {
                /* CREATE VIEW name AS body: the first AS between blanks */
                const char *as = body;
                while ((as = find_ci(as + 1, "as")) &&
                       !(strchr(" \t\n\r", as[-1]) && as[2] && strchr(" \t\n\r", as[2])))
                    ;
                if (!as)
                    continue;
                body = as + 3;
            }
            body = trim(a, body, strlen(body));
            /* PostgreSQL's print as it is, else without the casts it adds */
            for (int try = 0; try < (im.dialect == MIGC_POSTGRES ? 2 : 1) && !taken[i]; try++) {
                const char *bd = try ? strip_casts(a, body) : body;
                const char *tag = strstr(bd, "$$") ? "$imp$" : "$$";
                struct strbuf vb = {0};
                strbuf_puts(&vb, i < nviews ? "create view " : "create materialized view ");
                put_name(&vb, v->name);
                strbuf_printf(&vb, " as %s\n%s\n%s;\n", tag, bd, tag);
                /* Its indexes with it, natively when they load. */
                for (int j = 0; i >= nviews && j < im.indexes.n; j++) {
                    const struct imp_obj *ix = VEC_AT(im.indexes, j, const struct imp_obj *);
                    const char *it = name_eq(ix->table, v->name) ? index_stmt(&im, ix) : NULL;
                    if (it)
                        strbuf_puts(&vb, it);
                }
                const char *text = strbuf_to_arena(&vb, a);
                const char *with = arena_printf(a, "%s%s", base, text);
                struct diag quiet;
                diag_init(&quiet, a);
                if (autogen_load_model(a, &quiet, "import", with, strlen(with), targets, NULL)) {
                    base = with;
                    taken[i] = more = true;
                }
            }
        }
    }
    for (int i = 0; i < all.n; i++) {
        const struct imp_obj *v = VEC_AT(all, i, const struct imp_obj *);
        if (taken[i])
            continue;
        warn(&im, i < nviews ? "view" : "materialized view", v->name,
             "its body does not compile against the imported tables in SQLite");
        if (im.dialect == MIGC_SQLITE) {
            sql_block(&im, v->def);
        } else {
            struct strbuf vb = {0};
            strbuf_puts(&vb, i < nviews ? "CREATE VIEW " : "CREATE MATERIALIZED VIEW ");
            strbuf_put_quoted(&vb, v->name, '"');
            strbuf_printf(&vb, " AS\n%s", trim(a, v->def, strlen(v->def)));
            sql_block(&im, strbuf_to_arena(&vb, a));
        }
    }
    /* The indexes of a materialized view not taken natively. */
    for (int i = 0; i < im.indexes.n; i++) {
        const struct imp_obj *ix = VEC_AT(im.indexes, i, const struct imp_obj *);
        int k = find_obj_at(&all, ix->table);
        if (k < nviews || !ix->def)
            continue;
        if (taken[k] && index_stmt(&im, ix))
            continue;
        if (taken[k])
            warn(&im, "index", ix->name, "the language cannot say its definition");
        sql_block(&im, ix->def);
    }

    struct diag d;
    diag_init(&d, a);
    const struct schema *s = autogen_load_model(a, &d, "imported schema", base, strlen(base),
                                                targets, NULL);
    if (!s) {
        diag_flush(&d, stderr);
        cli_error("import", "the schema read from the database does not load as a model");
        goto out;
    }
    const char *stmts = render_mig_schema(a, s);
    const char *id = rev_id ? rev_id : alembic ? alembic : author_fresh_id(a, NULL);
    const char *sqltext = strbuf_str(&im.sql);
    struct newmig m = {
        .id = id,
        .message = message,
        .upgrade = arena_printf(a, "%s%s", stmts, sqltext),
        .irreversible = im.sql.len > 0,
    };
    const char *versions = arena_printf(a, "%s/versions", dir);
    const char *path = arena_printf(a, "%s/%s_%s.mig", versions, id, author_slug(a, message));
    const char *model_path = arena_printf(a, "%s/models.schema", dir);
    const char *model_text = arena_printf(
        a, "-- The declarative model: migc revision --autogenerate writes the statements\n"
           "-- that take the head schema to this one.\n\n%s",
        render_mig_model(a, s));
    if (!author_make_dirs(a, versions)) {
        cli_error("import", "could not create \"%s\": %s", versions, strerror(errno));
        goto out;
    }
    /* migc init's placeholder model gives way to the imported one. */
    struct stat st;
    if (stat(model_path, &st) == 0)
        remove(model_path);
    /* The formatter's tokens go to a scratch arena, freed once each file
       is written: a large schema would otherwise hold them all at once. */
    struct arena scratch = {0};
    struct diag fd;
    diag_init(&fd, &scratch);
    const char *fmodel = fmt_text(&scratch, &fd, model_path, model_text, strlen(model_text), false);
    bool written = author_write_new(model_path, fmodel ? fmodel : model_text);
    arena_free(&scratch);
    written = written && author_write_new(path, author_migration_text(&scratch, &m));
    arena_free(&scratch);
    if (!written) {
        cli_error("import", "could not write \"%s\": %s", path, strerror(errno));
        goto out;
    }
    int ntables = schema_table_count(s);
    printf("imported %d table%s from %s into %s", ntables, ntables == 1 ? "" : "s",
           dburl_display(rt, url), path);
    if (im.nwarn)
        printf(" (%d object%s as sql blocks)", im.nwarn, im.nwarn == 1 ? "" : "s");
    printf("\n\nnext steps:\n");
    if (alembic && strcmp(id, alembic) == 0) {
        printf("  migc build %s%s --version-table alembic_version -o myapp-migrate\n", dir, only);
        printf("  (the database's alembic_version already names %s: nothing to stamp)\n", id);
    } else {
        printf("  migc build %s%s -o myapp-migrate\n", dir, only);
        printf("  myapp-migrate stamp head    # on the existing database\n");
    }
    rc = 0;
    goto out;
fail:
    rc = fail(&e);
out:
    drv->rollback(conn);
    drv->close(conn);
    drift_free(&facts);
    return rc;
}

int cmd_import(int argc, char **argv)
{
    const char *rev_id = NULL, *message = NULL, *schema = NULL;
    const struct cli_opt opts[] = {
        {.name = "rev-id", .value = &rev_id},
        {.name = "message", .short_name = 'm', .value = &message},
        {.name = "schema", .value = &schema},
    };
    const char *pos[2];
    int npos;
    enum cli_parsed parsed = cli_parse("import", import_usage, argc, argv, opts, 3, pos, 2,
                                       &npos);
    if (parsed != CLI_PARSED)
        return cli_parsed_status(parsed);
    if (npos < 1)
        return cli_usage_error("import", import_usage, "missing the database URL", NULL);
    if (rev_id && !author_valid_id(rev_id))
        return cli_usage_error("import", import_usage, "invalid revision id", rev_id);
    struct arena a = {0};
    struct rt rt = {0};
    rt.prog = "migc import";
    int rc = run(&a, &rt, pos[0], npos > 1 ? pos[1] : "migrations", rev_id,
             message ? message : "initial schema", schema);
    rt_free(&rt);
    arena_free(&a);
    return rc;
}
