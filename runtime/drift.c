/* Drift: two catalogs (the expected one and the live one) as lists of
   facts, compared the same way whatever database they come from. Each
   driver reads its own catalog into facts; this module owns the facts'
   memory, the comparison, and the words each difference is reported in,
   so that both databases speak alike. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "migrator.h"

/* s in lower case but for what stands between single quotes: names and
   keywords compare case-insensitively, while a string literal (an enum
   value, a comment, a check's 'Bad') is data whose case is a difference.
   '' inside a literal toggles twice and stays inside. */
static char *lower_dup(const char *s)
{
    size_t n = strlen(s ? s : "");
    char *d = malloc(n + 1);
    if (!d)
        abort();
    bool quoted = false;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\'')
            quoted = !quoted;
        d[i] = quoted ? s[i] : (char)tolower((unsigned char)s[i]);
    }
    d[n] = '\0';
    return d;
}

static char *dup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (!d)
        abort();
    return memcpy(d, s, n);
}

char *drift_normalize(const char *s)
{
    char *d = lower_dup(s);
    size_t k = 0;
    bool space = false;
    for (size_t i = 0; d[i]; i++) {
        if (isspace((unsigned char)d[i])) {
            space = k > 0;
            continue;
        }
        if (space && d[i] != ')' && d[i] != ',' && (k == 0 || d[k - 1] != '('))
            d[k++] = ' ';
        space = false;
        d[k++] = d[i];
    }
    d[k] = '\0';
    return d;
}

static void add_fact(struct drift_facts *c, const struct drift_obj *o, const char *aspect,
                     const char *value, const char *raw)
{
    if (c->n == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 64;
        c->v = realloc(c->v, sizeof *c->v * (size_t)c->cap);
        if (!c->v)
            abort();
    }
    struct drift_fact *f = &c->v[c->n++];
    f->kind = lower_dup(o->kind);
    /* A table or view owns itself, so that it sorts with its parts. */
    f->table = lower_dup(o->table ? o->table : o->name);
    f->name = lower_dup(o->name);
    f->what = lower_dup(o->what ? o->what : o->kind);
    f->aspect = lower_dup(aspect);
    f->value = lower_dup(aspect[0] ? value : f->what);
    f->raw = dup(aspect[0] ? (raw ? raw : "") : (o->what ? o->what : o->kind));
    f->raw_table = dup(o->table ? o->table : o->name);
    f->raw_name = dup(o->spelled ? o->spelled : o->name);
    f->owned = o->table != NULL;
}

void drift_add(struct drift_facts *c, const struct drift_obj *o, const char *aspect,
               const char *value)
{
    add_fact(c, o, aspect, value, value);
}

void drift_add_sql(struct drift_facts *c, const struct drift_obj *o, const char *aspect,
                   const char *sql)
{
    char *norm = drift_normalize(sql ? sql : "");
    add_fact(c, o, aspect, norm, sql);
    free(norm);
}

void drift_free(struct drift_facts *c)
{
    for (int i = 0; i < c->n; i++) {
        struct drift_fact *f = &c->v[i];
        free(f->kind);
        free(f->table);
        free(f->name);
        free(f->what);
        free(f->aspect);
        free(f->value);
        free(f->raw);
        free(f->raw_table);
        free(f->raw_name);
    }
    free(c->v);
    c->v = NULL;
    c->n = c->cap = 0;
}

static int kind_rank(const char *kind)
{
    static const char *const order[] = {"table", "view", "materialized view", "column",
                                        "constraint", "index"};
    for (int i = 0; i < 6; i++)
        if (strcmp(kind, order[i]) == 0)
            return i;
    return 6;
}

/* Same object: kind, table and name; the aspect orders its facts, the
   existence fact ("") first. */
static int cmp_object(const struct drift_fact *x, const struct drift_fact *y)
{
    int r = strcmp(x->table, y->table);
    if (r)
        return r;
    r = kind_rank(x->kind) - kind_rank(y->kind);
    if (r)
        return r;
    r = strcmp(x->kind, y->kind);
    return r ? r : strcmp(x->name, y->name);
}

static int cmp_fact(const void *a, const void *b)
{
    const struct drift_fact *x = a, *y = b;
    int r = cmp_object(x, y);
    return r ? r : strcmp(x->aspect, y->aspect);
}

/* How an object is named to a person: `column "email"`; a constraint
   SQLite knows by its columns only reads `unique constraint (email)`. */
static void subject(struct sb *b, const struct drift_fact *f, const char *owner)
{
    if (f->owned) {
        sb_printf(b, "%s ", owner);
        sb_json(b, f->table);
        sb_puts(b, ": ");
    }
    if (f->name[0] == '(')
        sb_printf(b, "%s %s", f->what, f->name);
    else {
        sb_printf(b, "%s ", f->what);
        sb_json(b, f->name);
    }
}

static const char *default_text(struct sb *b, const char *v)
{
    if (strcmp(v, "none") == 0)
        sb_puts(b, "no default");
    else
        sb_printf(b, "default %s", v);
    return sb_str(b);
}

/* A column's generated fact: none, stored or virtual (SQLite), or the
   expression (PostgreSQL). */
static const char *generated_text(struct sb *b, const char *v)
{
    if (strcmp(v, "none") == 0)
        sb_puts(b, "not generated");
    else if (strcmp(v, "stored") == 0 || strcmp(v, "virtual") == 0)
        sb_printf(b, "generated (%s)", v);
    else
        sb_printf(b, "generated as %s", v);
    return sb_str(b);
}

/* One difference, reported as data and as the line a person reads. */
static void report(const struct drift_fact *f, const char *owner, const char *kind,
                   const char *expected, const char *actual, migc_diff_fn fn, void *ctx)
{
    struct sb obj = {0}, line = {0}, e = {0}, a = {0};
    sb_printf(&obj, "%s ", f->kind);
    if (f->owned)
        sb_printf(&obj, "%s.", f->table);
    sb_puts(&obj, f->name);
    subject(&line, f, owner);
    if (strcmp(kind, "missing") == 0)
        sb_puts(&line, " is in the migrations but missing from the database");
    else if (strcmp(kind, "extra") == 0)
        sb_puts(&line, " is in the database but not in the migrations");
    else if (strcmp(kind, "nullability") == 0)
        sb_printf(&line, " is %s in the migrations but %s in the database",
                  strcmp(expected, "null") == 0 ? "nullable" : expected,
                  strcmp(actual, "null") == 0 ? "nullable" : actual);
    else if (strcmp(kind, "default") == 0)
        sb_printf(&line, " has %s in the migrations but %s in the database",
                  default_text(&e, expected), default_text(&a, actual));
    else if (strcmp(kind, "generated") == 0)
        sb_printf(&line, " is %s in the migrations but %s in the database",
                  generated_text(&e, expected), generated_text(&a, actual));
    else if (strcmp(kind, "comment") == 0)
        sb_printf(&line, " has comment %s in the migrations but %s in the database", expected,
                  actual);
    else if (strcmp(kind, "type") == 0)
        sb_printf(&line, " is %s in the migrations but %s in the database", expected, actual);
    else
        sb_printf(&line, " is defined as %s in the migrations but as %s in the database",
                  expected, actual);
    struct drift_diff d = {sb_str(&obj), kind, expected, actual, sb_str(&line)};
    fn(ctx, &d);
    sb_free(&obj);
    sb_free(&line);
    sb_free(&e);
    sb_free(&a);
}

/* True when f belongs to a table or view reported missing or extra as a
   whole: its columns, constraints and indexes need no line of their own. */
static bool inside_gone(const struct drift_fact *f, char *const *gone, int ngone)
{
    if (!f->owned)
        return false;
    for (int k = 0; k < ngone; k++)
        if (strcmp(gone[k], f->table) == 0)
            return true;
    return false;
}

/* What owns an owned fact's object: "table", or the kind of the
   relation of that name (an index on a materialized view). */
static const char *owner_of(const struct drift_facts *want, const struct drift_facts *have,
                            const struct drift_fact *f)
{
    const struct drift_facts *sides[] = {want, have};
    for (int k = 0; f->owned && k < 2; k++)
        for (int i = 0; i < sides[k]->n; i++) {
            const struct drift_fact *o = &sides[k]->v[i];
            if (!o->owned && !o->aspect[0] && strcmp(o->name, f->table) == 0)
                return o->kind;
        }
    return "table";
}

void drift_compare(struct drift_facts *want, struct drift_facts *have, migc_diff_fn fn,
                   void *ctx)
{
    /* qsort must not be handed the NULL of an empty list. */
    if (want->n > 1)
        qsort(want->v, (size_t)want->n, sizeof *want->v, cmp_fact);
    if (have->n > 1)
        qsort(have->v, (size_t)have->n, sizeof *have->v, cmp_fact);
    /* Two passes: the first finds the tables missing or extra as a whole,
       so that the second does not list their parts too. */
    char **gone = calloc((size_t)(want->n + have->n) + 1, sizeof *gone);
    if (!gone)
        abort();
    int ngone = 0;
    for (int pass = 0; pass < 2; pass++) {
        int i = 0, j = 0;
        while (i < want->n || j < have->n) {
            int cmp = i >= want->n   ? 1
                      : j >= have->n ? -1
                                     : cmp_fact(&want->v[i], &have->v[j]);
            const struct drift_fact *f = cmp <= 0 ? &want->v[i] : &have->v[j];
            bool whole = f->aspect[0] == '\0';
            if (pass == 0 && cmp != 0 && whole && !f->owned)
                gone[ngone++] = f->table;
            /* An aspect whose object is on one side only was reported
               with the object. */
            bool lone = cmp != 0 && !whole;
            if (pass == 1 && cmp != 0 && whole && !inside_gone(f, gone, ngone))
                report(f, owner_of(want, have, f), cmp < 0 ? "missing" : "extra",
                       cmp < 0 ? f->value : "missing", cmp < 0 ? "missing" : f->value, fn, ctx);
            if (pass == 1 && cmp == 0 && !whole && !lone &&
                strcmp(want->v[i].value, have->v[j].value) != 0)
                report(f, owner_of(want, have, f), f->aspect, want->v[i].value,
                       have->v[j].value, fn, ctx);
            if (pass == 1 && cmp == 0 && whole && strcmp(want->v[i].value, have->v[j].value))
                /* Same name, another kind (a unique constraint become a
                   check): one line saying so. */
                report(f, owner_of(want, have, f), "definition", want->v[i].value,
                       have->v[j].value, fn, ctx);
            if (cmp <= 0)
                i++;
            if (cmp >= 0)
                j++;
        }
    }
    free(gone);
}
