#include "emit_c.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "checksum.h"
#include "migc_migrator.h"
#include "render.h"

const char *emit_c_relative(struct arena *a, const char *dir, const char *file)
{
    size_t n = strlen(dir);
    while (n > 1 && dir[n - 1] == '/')
        n--;
    if (strncmp(file, dir, n) == 0 && file[n] == '/')
        file += n + 1;
    while (strncmp(file, "./", 2) == 0)
        file += 2;
    /* An absolute path outside dir keeps only its last component: the
       output never names a place on the build machine. */
    if (file[0] == '/') {
        const char *s = strrchr(file, '/');
        file = s + 1;
    }
    return arena_strdup(a, file);
}

/* One string of the string table: a C string literal ending with "\0",
   split after each newline so that multi-line SQL reads as it will run.
   Octal escapes for everything outside printable ASCII keep the file
   plain ASCII (always three digits, so a digit after one is no part of
   it); "?" is escaped after "?" because C11 still has trigraphs. */
static void put_literal(struct strbuf *b, const char *s, const char *indent)
{
    strbuf_putc(b, '"');
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            strbuf_printf(b, "\\%c", *p);
        else if (*p == '\n' && p[1])
            strbuf_printf(b, "\\n\"\n%s\"", indent);
        else if (*p == '\n')
            strbuf_puts(b, "\\n");
        else if (*p == '\t')
            strbuf_puts(b, "\\t");
        else if (*p == '?' && p > (const unsigned char *)s && p[-1] == '?')
            strbuf_puts(b, "\\?");
        else if (*p < 0x20 || *p >= 0x7f)
            strbuf_printf(b, "\\%03o", *p);
        else
            strbuf_putc(b, (char)*p);
    }
    strbuf_puts(b, "\\0\"");
}

/* Text inside a C block comment, where a file name or message may hold
   anything: "*" "/" and "/" "*" get a backslash between them (the comment
   neither ends nor nests), so does "??" (trigraphs), a backslash is
   doubled, and every byte outside printable ASCII is an octal escape as in
   put_literal, so no line ends inside. The one way emit_c writes text
   from a .mig file or its path into a comment. */
static void put_comment_text(struct strbuf *b, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '\\') {
            strbuf_puts(b, "\\\\");
        } else if (*p < 0x20 || *p >= 0x7f) {
            strbuf_printf(b, "\\%03o", *p);
        } else {
            strbuf_putc(b, (char)*p);
            if ((*p == '*' && p[1] == '/') || (*p == '/' && p[1] == '*') || (*p == '?' && p[1] == '?'))
                strbuf_putc(b, '\\');
        }
    }
}

/* Object kind and name from "CREATE [UNIQUE] TABLE|INDEX|[MATERIALIZED] VIEW|TYPE name
   ...", the form render_schema gives every object, or from "ALTER TABLE
   name ADD ...", a foreign key added after the tables (named by its table,
   so that a head's version of a table's keys is taken together). */
static void object_name(struct arena *a, const char *sql, const char **kind, const char **name)
{
    static const char *const kinds[] = {"TABLE", "INDEX", "MATERIALIZED VIEW", "VIEW", "TYPE"};
    static const char *const lower[] = {"table", "index", "materialized view", "view", "type"};
    bool alter = strncmp(sql, "ALTER TABLE ", 12) == 0;
    *kind = "object";
    *name = sql;
    for (int k = 0; k < 5; k++) {
        const char *p = strstr(sql, kinds[k]);
        if (!p || p - sql > 20)
            continue;
        p += strlen(kinds[k]);
        while (*p == ' ')
            p++;
        if (strncmp(p, "IF NOT EXISTS ", 14) == 0)
            p += 14;
        const char *end = p;
        if (*p == '"') {
            for (end = p + 1; *end && !(*end == '"' && end[1] != '"'); end += *end == '"' ? 2 : 1)
                ;
            if (*end)
                end++;
        } else {
            while (*end && *end != ' ' && *end != '(' && *end != '\n')
                end++;
        }
        *kind = alter ? "foreign key" : lower[k];
        *name = arena_strndup(a, p, (size_t)(end - p));
        return;
    }
}

/* The pool of distinct schema objects of one dialect, keyed by SQL text. */
struct pool {
    const char **sql;
    int n, cap;
    int *slots;                    /* open addressing: index + 1, 0 = empty */
    int nslots;
};

static unsigned long hash_str(const char *s)
{
    unsigned long h = 5381;
    while (*s)
        h = h * 33 ^ (unsigned char)*s++;
    return h;
}

static int pool_index(struct arena *a, struct pool *p, const char *sql)
{
    if (p->n * 2 >= p->nslots) {
        int ns = p->nslots ? p->nslots * 2 : 256;
        int *slots = arena_alloc(a, sizeof(int) * (size_t)ns);
        for (int i = 0; i < p->n; i++) {
            unsigned long h = hash_str(p->sql[i]) % (unsigned long)ns;
            while (slots[h])
                h = (h + 1) % (unsigned long)ns;
            slots[h] = i + 1;
        }
        p->slots = slots;
        p->nslots = ns;
    }
    unsigned long h = hash_str(sql) % (unsigned long)p->nslots;
    while (p->slots[h]) {
        if (strcmp(p->sql[p->slots[h] - 1], sql) == 0)
            return p->slots[h] - 1;
        h = (h + 1) % (unsigned long)p->nslots;
    }
    if (p->n == p->cap) {
        p->cap = p->cap ? p->cap * 2 : 64;
        const char **v = arena_alloc(a, sizeof *v * (size_t)p->cap);
        if (p->n)
            memcpy(v, p->sql, sizeof *v * (size_t)p->n);
        p->sql = v;
    }
    p->sql[p->n] = sql;
    p->slots[h] = p->n + 1;
    return p->n++;
}

/* Object pointer -> pool index + 1 (0: not rendered yet). */
struct ptr_cache {
    const void **keys;
    int *vals;
    int n, nslots;
};

static int *ptr_slot(struct arena *a, struct ptr_cache *c, const void *key)
{
    if (c->n * 2 >= c->nslots) {
        int ns = c->nslots ? c->nslots * 2 : 1024;
        const void **keys = arena_alloc(a, sizeof *keys * (size_t)ns);
        int *vals = arena_alloc(a, sizeof *vals * (size_t)ns);
        for (int i = 0; i < c->nslots; i++) {
            if (!c->keys[i])
                continue;
            size_t h = ((size_t)(uintptr_t)c->keys[i] >> 4) % (size_t)ns;
            while (keys[h])
                h = (h + 1) % (size_t)ns;
            keys[h] = c->keys[i];
            vals[h] = c->vals[i];
        }
        c->keys = keys;
        c->vals = vals;
        c->nslots = ns;
    }
    size_t h = ((size_t)(uintptr_t)key >> 4) % (size_t)c->nslots;
    while (c->keys[h] && c->keys[h] != key)
        h = (h + 1) % (size_t)c->nslots;
    if (!c->keys[h]) {
        c->keys[h] = key;
        c->n++;
    }
    return &c->vals[h];
}

/* A table's not valid constraints come after its CREATE TABLE (which
   would validate them), in the same object; those in omit are objects of
   their own (late foreign keys). */
static const char *with_not_valid(struct arena *a, const struct dialect *d,
                                  const struct schema *s, const struct table *t, const char *sql,
                                  const struct constraint *const *omit, int nomit)
{
    struct render_style nv = {.d = d};
    for (int j = 0; j < t->ncons; j++) {
        bool skip = !render_not_valid(&nv, t->cons[j]);
        for (int k = 0; k < nomit && !skip; k++)
            skip = omit[k] == t->cons[j];
        if (!skip)
            sql = arena_printf(a, "%s;\n%s", sql, render_add_not_valid(a, d, s, t, t->cons[j]));
    }
    return sql;
}

/* The SQL creating one object, rendered from a schema holding it (and,
   for an index, its table). */
static const char *render_one(struct arena *a, const struct dialect *d, const struct schema *s,
                              const char *kind, const char *name)
{
    struct vec out = {0};
    render_schema(a, d, s, &out);
    for (int i = 0; i < out.n; i++) {
        const char *sql = VEC_AT(out, i, const struct sql_stmt *)->sql;
        const char *k, *nm;
        object_name(a, sql, &k, &nm);
        if (strcmp(k, kind) != 0 ||
            !name_eq(nm[0] == '"' ? arena_strndup(a, nm + 1, strlen(nm) - 2) : nm, name))
            continue;
        const struct table *t = strcmp(kind, "table") == 0 ? schema_find_table(s, name) : NULL;
        return t ? with_not_valid(a, d, s, t, sql, NULL, 0) : sql;
    }
    /* Not recognized: the last statement is the object asked for. */
    return out.n ? VEC_AT(out, out.n - 1, const struct sql_stmt *)->sql : "";
}

/* The string table being built: every distinct string once, at the byte
   offset it was given when first seen, written out as one literal per
   string (a comment with its offset before it). Offset 0 is the "none"
   of migc_project.strings. */
struct strtab {
    struct pool pool;
    int *off; /* per pool index */
    int cap;
    int size; /* bytes so far */
    struct strbuf text;
    const char *group; /* a heading written before the next new string */
};

static int str_at(struct arena *a, struct strtab *t, const char *s)
{
    int n = t->pool.n;
    int k = pool_index(a, &t->pool, s);
    if (k < n)
        return t->off[k];
    if (k == t->cap) {
        t->cap = t->cap ? t->cap * 2 : 256;
        int *v = arena_alloc(a, sizeof *v * (size_t)t->cap);
        if (k)
            memcpy(v, t->off, sizeof *v * (size_t)k);
        t->off = v;
    }
    if (t->group) {
        strbuf_printf(&t->text, "    /* ---- %s */\n", t->group);
        t->group = NULL;
    }
    t->off[k] = t->size;
    t->size += (int)strlen(s) + 1;
    strbuf_printf(&t->text, "    /* %d */ ", t->off[k]);
    put_literal(&t->text, s, "    ");
    strbuf_putc(&t->text, '\n');
    return t->off[k];
}

/* The offset of an optional string: 0 for NULL. */
static int str_or_none(struct arena *a, struct strtab *t, const char *s)
{
    return s ? str_at(a, t, s) : 0;
}

/* The int lists (parents, dependencies, labels, schema deltas) being
   built: one line per list, a comment saying whose it is. */
struct lists {
    struct strbuf text;
    int n;
};

/* Starts a list; returns its index. what is plain text (no comment
   closers): put_comment_text has made it so. */
static int list_begin(struct lists *l, const char *what)
{
    strbuf_printf(&l->text, "    /* %d: %s */", l->n, what);
    return l->n;
}

static void list_put(struct lists *l, int v)
{
    strbuf_printf(&l->text, " %d,", v);
    l->n++;
}

/* Revision r's name in a comment: its id, made safe for a comment. */
static const char *rev_comment(struct arena *a, const struct revision *r)
{
    struct strbuf b = {0};
    put_comment_text(&b, r->id);
    return strbuf_to_arena(&b, a);
}

/* Revisions as indexes into the revisions array, with their ids in a
   comment for the reader. */
static int put_rev_list(struct arena *a, struct lists *l, const char *what,
                        struct revision *const *v, int n)
{
    int at = list_begin(l, what);
    for (int i = 0; i < n; i++)
        list_put(l, v[i]->topo);
    strbuf_puts(&l->text, " /*");
    for (int i = 0; i < n; i++)
        strbuf_printf(&l->text, " %s", rev_comment(a, v[i]));
    strbuf_puts(&l->text, " */\n");
    return at;
}

/* A script's statements appended to stmts: {sql, file, line}, the .mig
   place in a comment. Fills *sc with where they start and how many. */
static void put_script(struct arena *a, struct strtab *t, struct strbuf *stmts, int *nstmts,
                       const char *dir, const char *what, const struct dialect *d,
                       const struct vec *steps, struct migc_script *sc)
{
    struct vec sql = {0};
    for (int i = 0; i < steps->n; i++) {
        const struct step *st = VEC_AT(*steps, i, const struct step *);
        render_stmt(a, d, st->before, st->after, st->stmt, &sql);
    }
    sc->first = sql.n ? *nstmts : 0;
    sc->n = sql.n;
    if (sql.n == 0)
        return;
    strbuf_printf(stmts, "    /* ---- %d: %s */\n", *nstmts, what);
    for (int i = 0; i < sql.n; i++) {
        const struct sql_stmt *s = VEC_AT(sql, i, const struct sql_stmt *);
        const char *file = s->loc.file ? emit_c_relative(a, dir, s->loc.file) : "";
        int sql_off = str_at(a, t, s->sql);
        strbuf_printf(stmts, "    {%d, %d, %d}, /* ", sql_off, str_at(a, t, file), s->loc.line);
        put_comment_text(stmts, arena_printf(a, "%s:%d", file, s->loc.line));
        strbuf_puts(stmts, " */\n");
    }
    *nstmts += sql.n;
}

static void put_script_pair(struct strbuf *b, const char *field, const struct migc_script *sc,
                            int nd)
{
    bool any = false;
    for (int d = 0; d < nd; d++)
        any |= sc[d].n != 0;
    if (!any)
        return;
    strbuf_printf(b, ",\n     .%s = {", field);
    for (int d = 0; d < nd; d++)
        strbuf_printf(b, "%s{%d, %d}", d ? ", " : "", sc[d].first, sc[d].n);
    strbuf_puts(b, "}");
}

/* One revision's schema delta being collected: pool indexes of the
   objects its schema adds to, and drops from, its first parent's. */
struct delta {
    struct arena *a;
    const struct dialect *d;
    const struct schema *after;
    struct ptr_cache *ptrs;
    struct pool *pool;
    struct vec add, drop;
};

static void delta_push(struct arena *a, struct vec *v, int k)
{
    /* Pool indexes ride in a vec's pointer slots until delta_finish. */
    vec_push(a, v, (void *)(intptr_t)k);
}

/* The foreign keys of t to other tables on a dialect that checks the
   referenced table at CREATE TABLE: the expected schema adds them after
   all tables, each an object of its own, so that a cycle of them applies
   and a head's change to one table never reorders another's. */
static int late_fks(struct arena *a, const struct dialect *d, const struct table *t,
                    const struct constraint ***out)
{
    const struct constraint **v = arena_alloc(a, sizeof *v * (size_t)(t->ncons + 1));
    int n = 0;
    for (int c = 0; d->late_foreign_keys && c < t->ncons; c++)
        if (t->cons[c]->kind == CON_FOREIGN_KEY && !name_eq(t->cons[c]->ref_table, t->name))
            v[n++] = t->cons[c];
    *out = v;
    return n;
}

/* A table's expected SQL followed by the statements giving its comments,
   run as one (the comments are part of the table as check compares it). */
static const char *with_comments(struct arena *a, const struct dialect *d,
                                 const struct table *t, const char *sql)
{
    struct vec cs = {0};
    render_table_comments(a, d, t, &cs);
    if (cs.n == 0)
        return sql;
    struct strbuf b = {0};
    strbuf_puts(&b, sql);
    for (int i = 0; i < cs.n; i++) {
        strbuf_puts(&b, ";\n");
        strbuf_puts(&b, VEC_AT(cs, i, const struct sql_stmt *)->sql);
    }
    return strbuf_to_arena(&b, a);
}

/* The pool index of obj, rendering it the first time it is seen. */
static int object_slot(struct delta *dl, enum rel_kind kind, const void *obj)
{
    int *slot = ptr_slot(dl->a, dl->ptrs, obj);
    if (*slot == 0) {
        const struct schema *one = schema_empty();
        const char *want_kind, *want_name, *sql = NULL;
        if (kind == REL_TABLE) {
            const struct table *t = obj;
            const struct constraint **fks;
            int nfk = late_fks(dl->a, dl->d, t, &fks);
            one = schema_put_table(dl->a, one, t);
            /* The enum types its columns use (a dialect without them
               writes their values into the table). */
            for (int i = 0; i < t->ncols; i++) {
                const struct enum_type *e = t->cols[i]->type.kind == TYPE_ENUM
                                                ? schema_find_type(dl->after, t->cols[i]->type.named)
                                                : NULL;
                if (e)
                    one = schema_put_type(dl->a, one, e);
            }
            if (nfk)
                sql = with_not_valid(dl->a, dl->d, one, t,
                                     render_create_table(dl->a, dl->d, one, t, NULL, fks, nfk),
                                     fks, nfk);
            want_kind = "table";
            want_name = t->name;
            sql = with_comments(dl->a, dl->d, t,
                                sql ? sql : render_one(dl->a, dl->d, one, want_kind, want_name));
        } else if (kind == REL_EXTENSION) {
            /* Database-wide: the migrator's live check takes it from this
               statement instead of running it (driver_pg.c). */
            const struct extension *x = obj;
            sql = render_create_extension(dl->a, x, true);
            want_kind = "extension";
            want_name = x->name;
        } else if (kind == REL_TYPE) {
            const struct enum_type *e = obj;
            one = schema_put_type(dl->a, one, e);
            want_kind = "type";
            want_name = e->name;
        } else if (kind == REL_INDEX) {
            const struct index *ix = obj;
            const struct table *t = schema_find_table(dl->after, ix->table);
            if (t)
                one = schema_put_table(dl->a, one, t);
            one = schema_put_index(dl->a, one, ix);
            want_kind = "index";
            want_name = ix->name;
        } else {
            /* obj is the version of the view on this dialect; a
               materialized view is created empty, its query not run. */
            const struct view *v = obj;
            want_kind = v->materialized ? "materialized view" : "view";
            want_name = v->name;
            sql = render_create_view(dl->a, v, true);
        }
        *slot = 1 + pool_index(dl->a, dl->pool,
                               sql ? sql : render_one(dl->a, dl->d, one, want_kind, want_name));
    }
    return *slot - 1;
}

/* Pushes the pool indexes of table t's late foreign keys onto v. Not
   cached by constraint: a renamed table may share its constraints. */
static void push_late_fks(struct delta *dl, const struct table *t, struct vec *v)
{
    const struct constraint **fks;
    int n = late_fks(dl->a, dl->d, t, &fks);
    const struct schema *one = n ? schema_put_table(dl->a, schema_empty(), t) : NULL;
    for (int i = 0; i < n; i++) {
        struct render_late_fk l = {t, fks[i]};
        delta_push(dl->a, v,
                   pool_index(dl->a, dl->pool, render_add_late_fk(dl->a, dl->d, one, &l)));
    }
}

static void delta_object(void *ctx, enum rel_kind kind, const void *old, const void *new_)
{
    struct delta *dl = ctx;
    /* A dialect without enum types has no object for one. */
    if (kind == REL_TYPE && dl->d->enum_as_check)
        return;
    if (kind == REL_EXTENSION && !dl->d->extensions)
        return;
    /* A view is an object where it has a version for the dialect. */
    if (kind == REL_VIEW) {
        old = view_on(old, dl->d->target);
        new_ = view_on(new_, dl->d->target);
        if (!old && !new_)
            return;
    }
    /* New objects first, so the pool numbers objects in order of first
       appearance (tables, indexes, views, each by name). */
    if (new_)
        delta_push(dl->a, &dl->add, object_slot(dl, kind, new_));
    if (old)
        delta_push(dl->a, &dl->drop, object_slot(dl, kind, old));
    if (kind == REL_TABLE && new_)
        push_late_fks(dl, new_, &dl->add);
    if (kind == REL_TABLE && old)
        push_late_fks(dl, old, &dl->drop);
}

static int cmp_intptr(const void *pa, const void *pb)
{
    intptr_t x = (intptr_t) * (void *const *)pa, y = (intptr_t) * (void *const *)pb;
    return x < y ? -1 : x > y;
}

/* Sorts both lists and drops what both hold (an object replaced by one
   that renders the same), giving plain int arrays in *add and *drop. */
static void delta_finish(struct arena *a, const struct vec *adds, const struct vec *drops,
                         int **add, int *nadd, int **drop, int *ndrop)
{
    if (adds->n > 1)
        qsort(adds->items, (size_t)adds->n, sizeof(void *), cmp_intptr);
    if (drops->n > 1)
        qsort(drops->items, (size_t)drops->n, sizeof(void *), cmp_intptr);
    *add = arena_alloc(a, sizeof(int) * (size_t)(adds->n + 1));
    *drop = arena_alloc(a, sizeof(int) * (size_t)(drops->n + 1));
    *nadd = *ndrop = 0;
    int x = 0, y = 0;
    while (x < adds->n || y < drops->n) {
        intptr_t u = x < adds->n ? (intptr_t)adds->items[x] : INTPTR_MAX;
        intptr_t v = y < drops->n ? (intptr_t)drops->items[y] : INTPTR_MAX;
        if (u < v)
            (*add)[(*nadd)++] = (int)u, x++;
        else if (v < u)
            (*drop)[(*ndrop)++] = (int)v, y++;
        else
            x++, y++;
    }
}

void emit_c(struct arena *a, const struct compilation *c, const struct emit_options *o,
            struct strbuf *b)
{
    const struct graph *g = c->graph;
    int n = g->nrevs;
    strbuf_puts(b, "/* Migrator data for ");
    put_comment_text(b, arena_printf(a, "%s, generated by migc %s from %d migration%s;", o->name,
                                     o->migc_version, n, n == 1 ? "" : "s"));
    strbuf_puts(b, "\n"
                   "   generated; do not edit. Build it with the migc runtime library\n"
                   "   (migc build does).\n\n"
                   "   It holds no pointers but the few in `project`: text is a byte offset\n"
                   "   into `strings`, lists start at an index of `lists`, scripts at an\n"
                   "   index of `stmts`; so a position-independent migrator needs no\n"
                   "   relocation per migration. */\n"
                   "#include \"migc_migrator.h\"\n\n");

    /* Per dialect, in the order of the ABI's per-dialect arrays. */
    const int nd = dialect_count;
    struct pool *pools = arena_alloc(a, sizeof *pools * (size_t)nd);
    struct ptr_cache *ptrs = arena_alloc(a, sizeof *ptrs * (size_t)nd);
    struct strtab t = {0};
    t.size = 1;
    strbuf_puts(&t.text, "    /* 0 */ \"\\0\" /* none */\n");
    struct lists l = {0};
    struct strbuf stmts = {0}, revs = {0};
    int nstmts = 0;

    t.group = "the project";
    int name = str_at(a, &t, o->name);
    int migc_version = str_at(a, &t, o->migc_version);
    int version_table = str_at(a, &t, o->version_table ? o->version_table : "migc_version");
    int default_url = str_or_none(a, &t, o->default_url);
    int url_env = str_at(a, &t, o->url_env ? o->url_env : "DATABASE_URL");

    for (int i = 0; i < n; i++) {
        const struct revision *r = g->revs[i];
        const struct compiled_revision *cr = c->revs[i];
        const struct migration *m = r->mig;
        const char *file = emit_c_relative(a, o->dir, m->file);
        const char *id = rev_comment(a, r);
        struct strbuf head = {0};
        put_comment_text(&head, arena_printf(a, "%d: %s: %s (%s)", i, r->id,
                                             m->message ? m->message : "", file));
        t.group = strbuf_to_arena(&head, a);
        struct migc_revision x = {0};
        x.id = str_at(a, &t, r->id);
        x.message = str_at(a, &t, m->message ? m->message : "");
        x.created = str_or_none(a, &t, m->created);
        x.file = str_at(a, &t, file);
        x.checksum = str_at(a, &t, checksum_migration(a, m));
        if ((x.nparents = r->nparents))
            x.parents =
                put_rev_list(a, &l, arena_printf(a, "%s revises", id), r->parents, r->nparents);
        if ((x.ndeps = r->ndeps))
            x.deps = put_rev_list(a, &l, arena_printf(a, "%s depends on", id), r->deps, r->ndeps);
        if ((x.nlabels = m->branches.n)) {
            x.labels = list_begin(&l, arena_printf(a, "%s labels", id));
            for (int k = 0; k < m->branches.n; k++)
                list_put(&l, str_at(a, &t, VEC_AT(m->branches, k, const struct ident *)->name));
            strbuf_puts(&l.text, " /*");
            for (int k = 0; k < m->branches.n; k++) {
                strbuf_putc(&l.text, ' ');
                put_comment_text(&l.text, VEC_AT(m->branches, k, const struct ident *)->name);
            }
            strbuf_puts(&l.text, " */\n");
        }
        for (int k = 0; k < nd; k++) {
            const struct dialect *d = dialect_table[k];
            if (!(o->targets & d->target))
                continue;
            put_script(a, &t, &stmts, &nstmts, o->dir,
                       arena_printf(a, "%s upgrade (%s)", id, d->name), d, &cr->up, &x.upgrade[k]);
            if (!cr->irreversible)
                put_script(a, &t, &stmts, &nstmts, o->dir,
                           arena_printf(a, "%s downgrade (%s)", id, d->name), d, &cr->down,
                           &x.downgrade[k]);
            /* The expected schema after this revision, as the objects it
               adds to and drops from its first parent's (pool indexes).
               Objects are immutable and shared between revisions' schemas,
               so the model's structural diff visits only what changed and
               each distinct object is rendered once (ptrs caches it). */
            struct delta dl = {a, d, cr->after, &ptrs[k], &pools[k], {0}, {0}};
            const struct schema *par = r->nparents ? c->revs[r->parents[0]->topo]->after
                                                   : schema_empty();
            schema_diff_objects(a, par, cr->after, delta_object, &dl);
            int *add, *drop;
            struct migc_schema_delta *sd = &x.schema[k];
            delta_finish(a, &dl.add, &dl.drop, &add, &sd->nadd, &drop, &sd->ndrop);
            if (sd->nadd) {
                sd->add = list_begin(&l, arena_printf(a, "%s schema adds (%s)", id, d->name));
                for (int j = 0; j < sd->nadd; j++)
                    list_put(&l, add[j]);
                strbuf_putc(&l.text, '\n');
            }
            if (sd->ndrop) {
                sd->drop = list_begin(&l, arena_printf(a, "%s schema drops (%s)", id, d->name));
                for (int j = 0; j < sd->ndrop; j++)
                    list_put(&l, drop[j]);
                strbuf_putc(&l.text, '\n');
            }
        }

        strbuf_printf(&revs, "    /* %d: %s */\n    {.id = %d", i, id, x.id);
        if (x.nparents)
            strbuf_printf(&revs, ", .parents = %d, .nparents = %d", x.parents, x.nparents);
        if (x.ndeps)
            strbuf_printf(&revs, ", .deps = %d, .ndeps = %d", x.deps, x.ndeps);
        if (x.nlabels)
            strbuf_printf(&revs, ", .labels = %d, .nlabels = %d", x.labels, x.nlabels);
        strbuf_printf(&revs, ",\n     .message = %d, .created = %d, .file = %d, .checksum = %d",
                      x.message, x.created, x.file, x.checksum);
        if (m->transaction_none)
            strbuf_puts(&revs, ",\n     .transaction_none = 1");
        if (cr->irreversible)
            strbuf_puts(&revs, ",\n     .irreversible = 1");
        put_script_pair(&revs, "upgrade", x.upgrade, nd);
        put_script_pair(&revs, "downgrade", x.downgrade, nd);
        bool any = false;
        for (int d = 0; d < nd; d++)
            any |= x.schema[d].nadd || x.schema[d].ndrop;
        if (any) {
            strbuf_puts(&revs, ",\n     .schema = {");
            for (int d = 0; d < nd; d++)
                strbuf_printf(&revs, "%s{%d, %d, %d, %d}", d ? ", " : "", x.schema[d].add,
                              x.schema[d].nadd, x.schema[d].drop, x.schema[d].ndrop);
            strbuf_puts(&revs, "}");
        }
        strbuf_puts(&revs, "},\n");
    }

    /* The objects' text goes into the string table too, so it is written
       before the table. */
    struct strbuf objects = {0};
    for (int d = 0; d < nd; d++) {
        const char *dname = dialect_table[d]->name;
        if (!(o->targets & dialect_table[d]->target) || pools[d].n == 0)
            continue;
        t.group = arena_printf(a, "the expected schema's objects (%s)", dname);
        strbuf_printf(&objects,
                      "/* The expected schema's objects (%s), in order of first appearance:\n"
                      "   {kind, name, sql}. */\n"
                      "static const struct migc_object objects_%s[] = {\n",
                      dname, dname);
        for (int k = 0; k < pools[d].n; k++) {
            const char *kind, *oname;
            object_name(a, pools[d].sql[k], &kind, &oname);
            strbuf_printf(&objects, "    /* %d: %s ", k, kind);
            put_comment_text(&objects, oname);
            strbuf_printf(&objects, " */ {%d, %d, %d},\n", str_at(a, &t, kind),
                          str_at(a, &t, oname), str_at(a, &t, pools[d].sql[k]));
        }
        strbuf_puts(&objects, "};\n\n");
    }

    strbuf_puts(b, "/* Every string, each at the byte offset in the comment before it. */\n"
                   "static const char strings[] =\n");
    strbuf_putn(b, t.text.s, t.text.len);
    strbuf_puts(b, "    ;\n\n");

    strbuf_puts(b, "/* Parents, dependencies, labels (string offsets) and schema deltas\n"
                   "   (object indexes), each at the index in the comment before it. */\n"
                   "static const int lists[] = {\n");
    strbuf_putn(b, l.text.s, l.text.len);
    strbuf_puts(b, l.n ? "};\n\n" : "    0,\n};\n\n");

    strbuf_puts(b, "/* Every script's statements, {sql, file, line}; each script from the\n"
                   "   index in the comment above it. */\n"
                   "static const struct migc_stmt stmts[] = {\n");
    strbuf_putn(b, stmts.s, stmts.len);
    strbuf_puts(b, nstmts ? "};\n\n" : "    {0, 0, 0},\n};\n\n");

    strbuf_putn(b, objects.s, objects.len);

    strbuf_puts(b, "static const struct migc_revision revisions[] = {\n");
    strbuf_putn(b, revs.s, revs.len);
    if (n == 0)
        strbuf_puts(b, "    {.id = 0},\n");
    strbuf_puts(b, "};\n\n");
    strbuf_free(&t.text);
    strbuf_free(&l.text);
    strbuf_free(&stmts);
    strbuf_free(&objects);
    strbuf_free(&revs);

    /* The migrator finds ids and prefixes by binary search in this. */
    strbuf_puts(b, "static const int by_id[] = {");
    for (int k = 0; k < n; k++)
        strbuf_printf(b, "%s%d", k == 0 ? "" : k % 16 ? ", " : ",\n    ", g->by_id[k]->topo);
    strbuf_puts(b, n == 0 ? "0};\n\n" : "};\n\n");

    strbuf_puts(b, "static const struct migc_project project = {\n"
                   "    .abi = MIGC_ABI_VERSION,\n"
                   "    .strings = strings,\n"
                   "    .lists = lists,\n"
                   "    .stmts = stmts,\n");
    strbuf_printf(b,
                  "    .name = %d,\n    .migc_version = %d,\n    .version_table = %d,\n"
                  "    .default_url = %d,\n    .url_env = %d,\n",
                  name, migc_version, version_table, default_url, url_env);
    strbuf_puts(b, "    .dialects = ");
    const char *sep = "";
    for (int d = 0; d < nd; d++) {
        if (o->targets & dialect_table[d]->target) {
            strbuf_printf(b, "%s1u << %s", sep, dialect_table[d]->abi_name);
            sep = " | ";
        }
    }
    strbuf_puts(b, ",\n");
    strbuf_printf(b, "    .revisions = revisions,\n    .nrevisions = %d,\n    .by_id = by_id,\n", n);
    strbuf_puts(b, "    .objects = {");
    for (int d = 0; d < nd; d++)
        strbuf_printf(b, "%s%s%s", d ? ", " : "", pools[d].n ? "objects_" : "0",
                      pools[d].n ? dialect_table[d]->name : "");
    strbuf_puts(b, "},\n    .nobjects = {");
    for (int d = 0; d < nd; d++)
        strbuf_printf(b, "%s%d", d ? ", " : "", pools[d].n);
    strbuf_puts(b, "},\n");
    /* Only when set: the output of a build without it stays as it was. */
    if (o->statement_lock_timeout_ms > 0)
        strbuf_printf(b, "    .statement_lock_timeout_ms = %ld,\n", o->statement_lock_timeout_ms);
    strbuf_puts(b, "};\n\n");
    strbuf_puts(b, "int main(int argc, char **argv)\n{\n"
                   "    return migc_main(&project, argc, argv);\n}\n");
}
