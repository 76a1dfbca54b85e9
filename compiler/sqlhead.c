#include "sqlhead.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

/* A token of the SQL: a word (folded to lower case), a quoted identifier
   (as written between the quotes, "" undoubled), or one other character.
   String literals, dollar-quoted bodies and comments are not tokens. */
struct tok {
    const char *text;
    bool word, quoted;
    char punct;                /* ';', '(', ',', '.', ...; 0 for words */
};

struct reader {
    struct arena *a;
    struct vec toks;           /* struct tok *: one statement */
    int i;
};

/* Past a $tag$...$tag$ starting at p (a '$' that opens a tag), or p + 1
   when it is not a dollar quote ($1, a '$' in a word). */
static const char *skip_dollar(const char *p)
{
    const char *q = p + 1;
    while (*q == '_' || isalnum((unsigned char)*q))
        q++;
    if (*q != '$' || isdigit((unsigned char)p[1]))
        return p + 1;
    size_t taglen = (size_t)(q - p) + 1;
    for (const char *s = q + 1; *s; s++)
        if (*s == '$' && !strncmp(s, p, taglen))
            return s + taglen;
    return p + strlen(p);
}

/* The next token at *pp, or NULL at the end of sql. */
static struct tok *next_tok(struct arena *a, const char *sql, const char **pp)
{
    const char *p = *pp;
    for (;;) {
        while (isspace((unsigned char)*p))
            p++;
        if (p[0] == '-' && p[1] == '-') {
            p += strcspn(p, "\n");
        } else if (p[0] == '/' && p[1] == '*') {
            const char *e = strstr(p + 2, "*/");
            p = e ? e + 2 : p + strlen(p);
        } else if (*p == '\'') {
            /* a string literal, '' inside it; E'...\'...' too */
            bool backslash = p > sql && (p[-1] == 'E' || p[-1] == 'e');
            for (p++; *p; p++) {
                if (backslash && *p == '\\' && p[1]) {
                    p++;
                } else if (*p == '\'') {
                    if (p[1] != '\'')
                        break;
                    p++;
                }
            }
            if (*p)
                p++;
        } else if (*p == '$' && p[1] != '\0' && !isdigit((unsigned char)p[1])) {
            const char *q = skip_dollar(p);
            if (q == p + 1)
                break;
            p = q;
        } else {
            break;
        }
    }
    if (!*p) {
        *pp = p;
        return NULL;
    }
    struct tok *t = arena_alloc(a, sizeof *t);
    if (isalpha((unsigned char)*p) || *p == '_' || (unsigned char)*p >= 0x80) {
        const char *s = p;
        while (isalnum((unsigned char)*p) || *p == '_' || *p == '$' || (unsigned char)*p >= 0x80)
            p++;
        char *w = arena_strndup(a, s, (size_t)(p - s));
        for (char *c = w; *c; c++)
            *c = (char)tolower((unsigned char)*c);
        t->text = w;
        t->word = true;
    } else if (*p == '"') {
        struct strbuf b = {0};
        for (p++; *p; p++) {
            if (*p == '"') {
                if (p[1] != '"')
                    break;
                p++;
            }
            strbuf_putc(&b, *p);
        }
        if (*p)
            p++;
        t->text = strbuf_to_arena(&b, a);
        t->quoted = true;
    } else {
        t->punct = *p++;
        t->text = arena_strndup(a, p - 1, 1);
    }
    *pp = p;
    return t;
}

static const struct tok *at(const struct reader *r, int k)
{
    return r->i + k < r->toks.n ? VEC_AT(r->toks, r->i + k, const struct tok *) : NULL;
}

static bool is_word(const struct reader *r, int k, const char *w)
{
    const struct tok *t = at(r, k);
    return t && t->word && !strcmp(t->text, w);
}

static bool accept(struct reader *r, const char *w)
{
    if (!is_word(r, 0, w))
        return false;
    r->i++;
    return true;
}

static bool is_punct(const struct reader *r, int k, char c)
{
    const struct tok *t = at(r, k);
    return t && t->punct == c;
}

/* A name, perhaps schema-qualified: the object's name when the schema is
   none or public, else NULL (the reader is past it either way). */
static const char *qualified_name(struct reader *r)
{
    const struct tok *t = at(r, 0);
    if (!t || t->punct)
        return NULL;
    r->i++;
    if (!is_punct(r, 0, '.'))
        return t->text;
    const struct tok *n = at(r, 1);
    if (!n || n->punct)
        return NULL;
    r->i += 2;
    /* a third part (database.schema.name) is another database's */
    if (is_punct(r, 0, '.'))
        return NULL;
    return !strcmp(t->text, "public") ? n->text : NULL;
}

/* Past a parenthesized group at the reader, nested ones inside it. */
static void skip_parens(struct reader *r)
{
    int depth = 0;
    do {
        const struct tok *t = at(r, 0);
        if (!t)
            return;
        depth += t->punct == '(' ? 1 : t->punct == ')' ? -1 : 0;
        r->i++;
    } while (depth > 0);
}

/* The word `on` at the reader or after it, outside parentheses; past it. */
static bool find_on(struct reader *r)
{
    while (at(r, 0)) {
        if (is_punct(r, 0, '('))
            skip_parens(r);
        else if (accept(r, "on"))
            return true;
        else
            r->i++;
    }
    return false;
}

/* The kind a declaration names, at the reader; NULL when it is none. */
static const char *read_kind(struct reader *r)
{
    static const char *const kinds[] = {"table",    "view", "index",     "function", "trigger",
                                        "sequence", "type", "extension", "policy",   NULL};
    if (is_word(r, 0, "materialized") && is_word(r, 1, "view")) {
        r->i += 2;
        return "materialized view";
    }
    for (int k = 0; kinds[k]; k++)
        if (accept(r, kinds[k]))
            return kinds[k];
    return NULL;
}

/* The kinds the schema model tracks in full, which a statement must
   either declare or leave to the language's own statements. */
static bool tracked(const char *kind)
{
    return !strcmp(kind, "table") || !strcmp(kind, "view") || !strcmp(kind, "index") ||
           !strcmp(kind, "materialized view");
}

static bool on_table(const char *kind)
{
    return !strcmp(kind, "trigger") || !strcmp(kind, "policy");
}

/* The first words of the statement, folded, for a message. */
static const char *head_text(struct reader *r)
{
    struct strbuf b = {0};
    for (int k = 0; k < r->toks.n && k < 4; k++) {
        const struct tok *t = VEC_AT(r->toks, k, const struct tok *);
        if (t->punct)
            break;
        strbuf_printf(&b, "%s%s", k ? " " : "", t->text);
    }
    return strbuf_to_arena(&b, r->a);
}

static void mark_undeclarable(struct reader *r, struct sql_heads *out)
{
    if (!out->undeclarable)
        out->undeclarable = head_text(r);
}

static bool same_object(const struct sql_object *o, const char *kind, const char *name,
                        const char *table)
{
    return !strcmp(o->kind, kind) && !strcmp(o->name, name) &&
           (!o->table || !table || !strcmp(o->table, table));
}

static void remove_at(struct vec *v, int i)
{
    memmove(&v->items[i], &v->items[i + 1], sizeof(void *) * (size_t)(v->n - i - 1));
    v->n--;
}

static void add(struct arena *a, struct sql_heads *out, struct vec *temps, bool drop,
                bool if_exists, const char *kind, const char *name, const char *table)
{
    if (drop) {
        /* what the same SQL made and removes again leaves nothing */
        for (int i = 0; i < temps->n; i++)
            if (!strcmp(kind, "table") && !strcmp(VEC_AT(*temps, i, const char *), name))
                return;
        for (int i = out->objects.n - 1; i >= 0; i--) {
            struct sql_object *o = VEC_AT(out->objects, i, struct sql_object *);
            if (!o->drop && same_object(o, kind, name, table)) {
                remove_at(&out->objects, i);
                return;
            }
        }
    }
    else {
        /* dropped and made again: replaced, as far as the model can
           tell. After DROP ... IF EXISTS it may be new: it is declared
           created, and check says so if it existed */
        for (int i = out->objects.n - 1; i >= 0; i--) {
            struct sql_object *o = VEC_AT(out->objects, i, struct sql_object *);
            if (o->drop && same_object(o, kind, name, table)) {
                remove_at(&out->objects, i);
                if (!o->if_exists)
                    return;
                break;
            }
        }
    }
    struct sql_object *o = arena_alloc(a, sizeof *o);
    o->drop = drop;
    o->if_exists = if_exists;
    o->kind = kind;
    o->name = name;
    o->table = table;
    vec_push(a, &out->objects, o);
}

static void read_create(struct reader *r, struct sql_heads *out, struct vec *temps)
{
    if (is_word(r, 0, "or") && is_word(r, 1, "replace"))
        r->i += 2;
    bool temp = false;
    static const char *const mods[] = {"temp",    "temporary", "unlogged",   "unique", "recursive",
                                       "global",  "local",     "constraint", "trusted",
                                       "procedural", NULL};
    for (bool more = true; more;) {
        more = false;
        for (int k = 0; mods[k]; k++)
            if (is_word(r, 0, mods[k])) {
                temp |= !strcmp(mods[k], "temp") || !strcmp(mods[k], "temporary");
                r->i++;
                more = true;
            }
    }
    const char *kind = read_kind(r);
    if (!kind)
        return;
    if (!strcmp(kind, "index"))
        accept(r, "concurrently");
    if (is_word(r, 0, "if") && is_word(r, 1, "not") && is_word(r, 2, "exists"))
        r->i += 3;
    if (!strcmp(kind, "index") && is_word(r, 0, "on")) {
        mark_undeclarable(r, out);    /* PostgreSQL names it: migc cannot know how */
        return;
    }
    const char *name = qualified_name(r);
    const char *table = NULL;
    if (name && on_table(kind))
        table = find_on(r) ? qualified_name(r) : NULL;
    if (!name || (on_table(kind) && !table)) {
        if (tracked(kind))
            mark_undeclarable(r, out);
        return;
    }
    if (temp && !strcmp(kind, "table")) {
        vec_push(r->a, temps, (void *)name);
        return;
    }
    add(r->a, out, temps, false, false, kind, name, table);
}

static void read_drop(struct reader *r, struct sql_heads *out, struct vec *temps)
{
    const char *kind = read_kind(r);
    if (!kind)
        return;
    if (!strcmp(kind, "index"))
        accept(r, "concurrently");
    bool if_exists = is_word(r, 0, "if") && is_word(r, 1, "exists");
    if (if_exists)
        r->i += 2;
    struct vec names = {0};
    for (;;) {
        const char *name = qualified_name(r);
        if (!name) {
            if (tracked(kind))
                mark_undeclarable(r, out);
            return;
        }
        vec_push(r->a, &names, (void *)name);
        if (is_punct(r, 0, '('))
            skip_parens(r);     /* a function's argument types */
        if (!is_punct(r, 0, ','))
            break;
        r->i++;
    }
    const char *table = NULL;
    if (on_table(kind) && !(accept(r, "on") && (table = qualified_name(r))))
        return;
    for (int k = 0; k < names.n; k++)
        add(r->a, out, temps, true, if_exists, kind, VEC_AT(names, k, const char *), table);
}

/* ALTER of a table, index or view changes what the model knows of it,
   which no declaration says, and so does ALTER TYPE (enum types are the
   model's too); switching row security, triggers or the owner does not. */
static void read_alter(struct reader *r, struct sql_heads *out)
{
    const char *kind = read_kind(r);
    if (!kind || (!tracked(kind) && strcmp(kind, "type")))
        return;
    if (is_word(r, 0, "if") && is_word(r, 1, "exists"))
        r->i += 2;
    accept(r, "only");
    if (!qualified_name(r)) {
        mark_undeclarable(r, out);
        return;
    }
    accept(r, "no");
    if (is_word(r, 0, "enable") || is_word(r, 0, "disable") || is_word(r, 0, "force") ||
        (is_word(r, 0, "owner") && is_word(r, 1, "to")))
        return;
    mark_undeclarable(r, out);
}

void sql_read_heads(struct arena *a, const char *sql, struct sql_heads *out)
{
    memset(out, 0, sizeof *out);
    struct vec temps = {0};
    const char *p = sql;
    for (bool more = true; more;) {
        struct reader r = {.a = a};
        struct tok *t;
        while ((t = next_tok(a, sql, &p)) && t->punct != ';')
            vec_push(a, &r.toks, t);
        more = t != NULL;
        if (accept(&r, "create"))
            read_create(&r, out, &temps);
        else if (accept(&r, "drop"))
            read_drop(&r, out, &temps);
        else if (accept(&r, "alter"))
            read_alter(&r, out);
    }
}
