/* Resuming a half-run transaction none migration: whether the statement
   that was running when the migrator stopped (or that failed) already
   took effect, read from the live catalog rather than guessed. Only the
   statements whose whole effect is objects appearing or disappearing are
   understood: create and drop of an index, table or (materialized) view,
   and an ALTER
   TABLE whose every action adds or drops a column or a named constraint.
   Anything else (data changes, renames, type changes, raw SQL doing
   something else) is RESUME_UNKNOWN, and apply.c stops rather than
   run it twice or skip it. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "migrator.h"

/* The statement's words, as far as they are read: bare words lower case,
   quoted identifiers as written (without quotes), any other character as
   itself; literals and what follows a parenthesis are skipped. */
enum { MAX_WORDS = 64 };
struct words {
    char w[MAX_WORDS][128];
    int n;
};

/* Reads the statement's words outside parentheses (what is inside, a
   column list or a definition, is not needed), so that ALTER TABLE
   actions are split at the commas left, each the word ",". Returns false
   for a statement it cannot read whole this way: a dollar-quoted body, or
   more words than it keeps (an action missed would be an effect not
   looked for). */
static bool read_words(const char *sql, struct words *ws)
{
    ws->n = 0;
    int depth = 0;
    const char *p = sql;
    while (*p) {
        if (isspace((unsigned char)*p)) {
            p++;
            continue;
        }
        if (*p == '-' && p[1] == '-') {
            while (*p && *p != '\n')
                p++;
            continue;
        }
        if (*p == '$')
            return false;   /* a dollar-quoted body: not a statement migc renders */
        if (*p == '\'') {
            /* A literal: skipped whole ('' doubles a quote). */
            char q = *p++;
            while (*p && !(*p == q && p[1] != q))
                p += *p == q ? 2 : 1;
            if (*p)
                p++;
            continue;
        }
        if (*p == '(' || *p == ')') {
            depth += *p == '(' ? 1 : -1;
            p++;
            continue;
        }
        if (depth > 0) {
            if (*p == '"') {
                p++;
                while (*p && !(*p == '"' && p[1] != '"'))
                    p += *p == '"' ? 2 : 1;
                if (*p)
                    p++;
            } else {
                p++;
            }
            continue;
        }
        if (ws->n == MAX_WORDS)
            return false;
        char *w = ws->w[ws->n++];
        size_t k = 0;
        if (*p == '"') {
            p++;
            while (*p && !(*p == '"' && p[1] != '"')) {
                if (k < 127)
                    w[k++] = *p;
                p += *p == '"' ? 2 : 1;
            }
            if (*p)
                p++;
        } else if (isalnum((unsigned char)*p) || *p == '_' || (unsigned char)*p >= 0x80) {
            while (isalnum((unsigned char)*p) || *p == '_' || *p == '$' ||
                   (unsigned char)*p >= 0x80) {
                if (k < 127)
                    w[k++] = (char)tolower((unsigned char)*p);
                p++;
            }
        } else {
            w[k++] = *p++;
        }
        w[k] = '\0';
    }
    return true;
}

struct reader {
    const struct words *ws;
    int i;
};

static const char *peek(const struct reader *r)
{
    return r->i < r->ws->n ? r->ws->w[r->i] : "";
}

static bool accept(struct reader *r, const char *word)
{
    if (strcmp(peek(r), word) != 0)
        return false;
    r->i++;
    return true;
}

/* An object name, the last part of a qualified one (schema.name). */
static const char *name(struct reader *r)
{
    const char *n = peek(r);
    if (!*n || (strchr(",;.", n[0]) && !n[1]))
        return NULL;
    r->i++;
    while (accept(r, ".")) {
        n = peek(r);
        if (!*n)
            return NULL;
        r->i++;
    }
    return n;
}

/* One object the statement makes appear (create) or disappear. */
struct effect {
    const char *kind, *table, *name;
    bool create;
};

/* The effects of the statement read into ws, or 0 when it is not
   understood. */
static int effects_of(const struct words *ws, struct effect *fx, int cap, bool *concurrently)
{
    struct reader r = {ws, 0};
    *concurrently = false;
    if (accept(&r, "create")) {
        accept(&r, "unique");
        if (accept(&r, "index")) {
            *concurrently = accept(&r, "concurrently");
            if (accept(&r, "if") && !(accept(&r, "not") && accept(&r, "exists")))
                return 0;
            const char *ix = name(&r);
            if (!ix || !accept(&r, "on"))
                return 0;
            accept(&r, "only");
            const char *t = name(&r);
            if (!t)
                return 0;
            fx[0] = (struct effect){"index", t, ix, true};
            return 1;
        }
        bool materialized = accept(&r, "materialized");
        const char *kind = peek(&r);
        if (strcmp(kind, "table") != 0 && strcmp(kind, "view") != 0)
            return 0;
        r.i++;
        if (materialized) {
            if (strcmp(kind, "view") != 0)
                return 0;
            kind = "materialized view";
        }
        if (accept(&r, "if") && !(accept(&r, "not") && accept(&r, "exists")))
            return 0;
        const char *n = name(&r);
        /* CREATE TABLE ... AS fills the table: more than an object. */
        if (!n || (strcmp(kind, "table") == 0 && strcmp(peek(&r), "as") == 0))
            return 0;
        fx[0] = (struct effect){kind, NULL, n, true};
        return 1;
    }
    if (accept(&r, "drop")) {
        bool materialized = accept(&r, "materialized");
        const char *kind = peek(&r);
        if (strcmp(kind, "table") != 0 && strcmp(kind, "view") != 0 &&
            strcmp(kind, "index") != 0)
            return 0;
        r.i++;
        if (materialized && strcmp(kind, "view") != 0)
            return 0;
        if (materialized)
            kind = "materialized view";
        if (strcmp(kind, "index") == 0)
            *concurrently = accept(&r, "concurrently");
        if (accept(&r, "if") && !accept(&r, "exists"))
            return 0;
        const char *n = name(&r);
        if (!n || (*peek(&r) && strcmp(peek(&r), "cascade") && strcmp(peek(&r), "restrict")))
            return 0;
        fx[0] = (struct effect){kind, NULL, n, false};
        return 1;
    }
    if (!accept(&r, "alter") || !accept(&r, "table"))
        return 0;
    if (accept(&r, "if") && !accept(&r, "exists"))
        return 0;
    accept(&r, "only");
    const char *t = name(&r);
    if (!t)
        return 0;
    int n = 0;
    do {
        if (n == cap)
            return 0;
        bool create = accept(&r, "add");
        if (!create && !accept(&r, "drop"))
            return 0;
        const char *kind = "column";
        if (accept(&r, "constraint"))
            kind = "constraint";
        else
            accept(&r, "column");
        if (accept(&r, "if") && !((create ? accept(&r, "not") : true) && accept(&r, "exists")))
            return 0;
        const char *what = peek(&r);
        /* ADD PRIMARY KEY (...) and the like name no object to look for. */
        if (strcmp(kind, "column") == 0 &&
            (!strcmp(what, "primary") || !strcmp(what, "unique") || !strcmp(what, "check") ||
             !strcmp(what, "foreign") || !strcmp(what, "exclude")))
            return 0;
        const char *obj = name(&r);
        if (!obj)
            return 0;
        fx[n++] = (struct effect){kind, t, obj, create};
        /* The rest of the action (a type, a default, a definition) up to
           the next top-level comma. */
        while (r.i < ws->n && strcmp(peek(&r), ",") != 0)
            r.i++;
    } while (accept(&r, ","));
    return n;
}

static const struct drift_fact *find(const struct drift_facts *have, const struct effect *x,
                                     const char *aspect)
{
    for (int i = 0; i < have->n; i++) {
        const struct drift_fact *f = &have->v[i];
        if (strcmp(f->kind, x->kind) == 0 && strcmp(f->name, x->name) == 0 &&
            strcmp(f->aspect, aspect) == 0 && (!x->table || strcmp(f->table, x->table) == 0))
            return f;
    }
    return NULL;
}

/* Lower case, as the facts are stored. */
static void lower(char *s)
{
    for (; *s; s++)
        *s = (char)tolower((unsigned char)*s);
}

enum resume_verdict resume_probe(struct rt *rt, const char *sql, const struct drift_facts *have,
                                 struct resume_probe *out)
{
    memset(out, 0, sizeof *out);
    struct words ws;
    struct effect fx[16];
    bool concurrently;
    int n = read_words(sql, &ws) ? effects_of(&ws, fx, 16, &concurrently) : 0;
    if (n == 0) {
        out->found = "migc cannot check what this statement does";
        return out->verdict = RESUME_UNKNOWN;
    }
    struct sb b = {0};
    int done = 0;
    for (int i = 0; i < n; i++) {
        char *nm = rt_strdup(rt, fx[i].name), *tb = fx[i].table ? rt_strdup(rt, fx[i].table) : NULL;
        lower(nm);
        if (tb)
            lower(tb);
        fx[i].name = nm;
        fx[i].table = tb;
        const struct drift_fact *f = find(have, &fx[i], "");
        const struct drift_fact *v = f ? find(have, &fx[i], "validity") : NULL;
        if (v && strcmp(v->value, "invalid") == 0 && n == 1 && fx[i].create) {
            out->found = rt_printf(rt, "index \"%s\" is there but invalid, left by a "
                                       "concurrent build that did not finish", nm);
            out->redo_sql = rt_printf(rt, "DROP INDEX %s\"%s\"",
                                      concurrently ? "CONCURRENTLY " : "", nm);
            sb_free(&b);
            return out->verdict = RESUME_REDO;
        }
        if (fx[i].create == (f != NULL))
            done++;
        sb_printf(&b, "%s%s ", i ? (i == n - 1 ? " and " : ", ") : "", fx[i].kind);
        sb_json(&b, nm);
        if (tb && strcmp(fx[i].kind, "index") != 0) {
            sb_puts(&b, " of table ");
            sb_json(&b, tb);
        }
        sb_puts(&b, f ? " exists" : " does not exist");
        if (v)
            sb_puts(&b, " and is valid");
    }
    out->found = rt_strdup(rt, sb_str(&b));
    sb_free(&b);
    /* The statement ran as a whole or not at all: part of its effect
       there means something else made it so. */
    if (done != 0 && done != n) {
        out->partial = true;
        return out->verdict = RESUME_UNKNOWN;
    }
    return out->verdict = done ? RESUME_DONE : RESUME_RUN;
}
