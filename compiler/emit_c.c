#include "emit_c.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "checksum.h"
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

/* A C string literal, split after each newline so that multi-line SQL
   reads as it will run. Octal escapes for everything outside printable
   ASCII keep the file plain ASCII; "?" is escaped after "?" because C11
   still has trigraphs. */
static void put_literal(struct strbuf *b, const char *s, const char *indent)
{
    strbuf_putc(b, '"');
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            strbuf_printf(b, "\\%c", *p);
        else if (*p == '\n') {
            strbuf_puts(b, "\\n\"");
            if (p[1]) {
                strbuf_printf(b, "\n%s\"", indent);
            } else {
                return;
            }
        } else if (*p == '\t')
            strbuf_puts(b, "\\t");
        else if (*p == '?' && p > (const unsigned char *)s && p[-1] == '?')
            strbuf_puts(b, "\\?");
        else if (*p < 0x20 || *p >= 0x7f)
            strbuf_printf(b, "\\%03o", *p);
        else
            strbuf_putc(b, (char)*p);
    }
    strbuf_putc(b, '"');
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

static void put_str_or_null(struct strbuf *b, const char *s)
{
    if (s)
        put_literal(b, s, "    ");
    else
        strbuf_puts(b, "0");
}

/* Object kind and name from "CREATE [UNIQUE] TABLE|INDEX|VIEW name ...",
   the form render_schema gives every object. */
static void object_name(struct arena *a, const char *sql, const char **kind, const char **name)
{
    static const char *const kinds[] = {"TABLE", "INDEX", "VIEW"};
    static const char *const lower[] = {"table", "index", "view"};
    *kind = "object";
    *name = sql;
    for (int k = 0; k < 3; k++) {
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
        *kind = lower[k];
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
        if (strcmp(k, kind) == 0 && name_eq(nm[0] == '"' ? arena_strndup(a, nm + 1, strlen(nm) - 2) : nm, name))
            return sql;
    }
    /* Not recognized: the last statement is the object asked for. */
    return out.n ? VEC_AT(out, out.n - 1, const struct sql_stmt *)->sql : "";
}

static bool any_nonzero(const int *v, int n)
{
    for (int i = 0; i < n; i++)
        if (v[i])
            return true;
    return false;
}

static void put_int_array(struct strbuf *b, const char *name, const int *v, int n)
{
    strbuf_printf(b, "static const int %s[] = {", name);
    for (int i = 0; i < n; i++)
        strbuf_printf(b, "%s%d", i ? ", " : "", v[i]);
    strbuf_puts(b, "};\n");
}

/* Revisions as indexes into the revisions array, with their ids in a
   comment for the reader. */
static void put_rev_array(struct strbuf *b, const char *name, struct revision *const *v, int n)
{
    strbuf_printf(b, "static const int %s[] = {", name);
    for (int i = 0; i < n; i++)
        strbuf_printf(b, "%s%d", i ? ", " : "", v[i]->topo);
    strbuf_puts(b, "}; /*");
    for (int i = 0; i < n; i++) {
        strbuf_putc(b, ' ');
        put_comment_text(b, v[i]->id);
    }
    strbuf_puts(b, " */\n");
}

static void put_name_array(struct strbuf *b, const char *name, const struct vec *v)
{
    strbuf_printf(b, "static const char *const %s[] = {", name);
    for (int i = 0; i < v->n; i++) {
        strbuf_puts(b, i ? ", " : "");
        put_literal(b, VEC_AT(*v, i, const struct ident *)->name, "    ");
    }
    strbuf_puts(b, "};\n");
}

static int put_script(struct arena *a, struct strbuf *b, const char *dir, const char *cname,
                      const struct dialect *d, const struct vec *steps)
{
    struct vec sql = {0};
    for (int i = 0; i < steps->n; i++) {
        const struct step *st = VEC_AT(*steps, i, const struct step *);
        render_stmt(a, d, st->before, st->after, st->stmt, &sql);
    }
    if (sql.n == 0)
        return 0;
    strbuf_printf(b, "static const struct migc_stmt %s[] = {\n", cname);
    for (int i = 0; i < sql.n; i++) {
        const struct sql_stmt *s = VEC_AT(sql, i, const struct sql_stmt *);
        const char *file = s->loc.file ? emit_c_relative(a, dir, s->loc.file) : "";
        strbuf_puts(b, "    /* ");
        put_comment_text(b, arena_printf(a, "%s:%d", file, s->loc.line));
        strbuf_puts(b, " */\n    {");
        put_literal(b, s->sql, "     ");
        strbuf_puts(b, ",\n     ");
        put_literal(b, file, "     ");
        strbuf_printf(b, ", %d},\n", s->loc.line);
    }
    strbuf_puts(b, "};\n");
    return sql.n;
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

/* The pool index of obj, rendering it the first time it is seen. */
static int object_slot(struct delta *dl, enum rel_kind kind, const void *obj)
{
    int *slot = ptr_slot(dl->a, dl->ptrs, obj);
    if (*slot == 0) {
        const struct schema *one = schema_empty();
        const char *want_kind, *want_name;
        if (kind == REL_TABLE) {
            const struct table *t = obj;
            one = schema_put_table(dl->a, one, t);
            want_kind = "table";
            want_name = t->name;
        } else if (kind == REL_INDEX) {
            const struct index *ix = obj;
            const struct table *t = schema_find_table(dl->after, ix->table);
            if (t)
                one = schema_put_table(dl->a, one, t);
            one = schema_put_index(dl->a, one, ix);
            want_kind = "index";
            want_name = ix->name;
        } else {
            const struct view *v = obj;
            one = schema_put_view(dl->a, one, v);
            want_kind = "view";
            want_name = v->name;
        }
        *slot = 1 + pool_index(dl->a, dl->pool, render_one(dl->a, dl->d, one, want_kind, want_name));
    }
    return *slot - 1;
}

static void delta_object(void *ctx, enum rel_kind kind, const void *old, const void *new_)
{
    struct delta *dl = ctx;
    /* New objects first, so the pool numbers objects in order of first
       appearance (tables, indexes, views, each by name). */
    if (new_)
        delta_push(dl->a, &dl->add, object_slot(dl, kind, new_));
    if (old)
        delta_push(dl->a, &dl->drop, object_slot(dl, kind, old));
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
                   "   (migc build does). */\n"
                   "#include \"migc_migrator.h\"\n\n");

    /* Per dialect, in the order of the ABI's per-dialect arrays. */
    const int nd = dialect_count;
    struct pool *pools = arena_alloc(a, sizeof *pools * (size_t)nd);
    struct ptr_cache *ptrs = arena_alloc(a, sizeof *ptrs * (size_t)nd);
    /* Per revision i and dialect k, at [i * nd + k]: the scripts' lengths
       and the schema delta against the first parent. */
    size_t cells = (size_t)(n + 1) * (size_t)nd;
    int *nup = arena_alloc(a, sizeof *nup * cells);
    int *ndown = arena_alloc(a, sizeof *ndown * cells);
    int *nadd = arena_alloc(a, sizeof *nadd * cells);
    int *ndrop = arena_alloc(a, sizeof *ndrop * cells);

    for (int i = 0; i < n; i++) {
        const struct revision *r = g->revs[i];
        const struct compiled_revision *cr = c->revs[i];
        const struct migration *m = r->mig;
        const char *file = emit_c_relative(a, o->dir, m->file);
        strbuf_puts(b, "/* ---- ");
        put_comment_text(b, arena_printf(a, "%s: %s (%s)", r->id, m->message ? m->message : "",
                                         file));
        strbuf_puts(b, " */\n");
        if (r->nparents)
            put_rev_array(b, arena_printf(a, "r%d_parents", i), r->parents, r->nparents);
        if (r->ndeps)
            put_rev_array(b, arena_printf(a, "r%d_deps", i), r->deps, r->ndeps);
        if (m->branches.n)
            put_name_array(b, arena_printf(a, "r%d_labels", i), &m->branches);
        for (int k = 0; k < nd; k++) {
            const struct dialect *d = dialect_table[k];
            int at = i * nd + k;
            if (!(o->targets & d->target))
                continue;
            nup[at] = put_script(a, b, o->dir, arena_printf(a, "r%d_up_%s", i, d->name), d,
                                 &cr->up);
            ndown[at] = cr->irreversible ? 0
                        : put_script(a, b, o->dir, arena_printf(a, "r%d_down_%s", i, d->name),
                                     d, &cr->down);
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
            delta_finish(a, &dl.add, &dl.drop, &add, &nadd[at], &drop, &ndrop[at]);
            if (nadd[at])
                put_int_array(b, arena_printf(a, "r%d_schema_add_%s", i, d->name), add,
                              nadd[at]);
            if (ndrop[at])
                put_int_array(b, arena_printf(a, "r%d_schema_drop_%s", i, d->name), drop,
                              ndrop[at]);
        }
        strbuf_puts(b, "\n");
    }

    for (int d = 0; d < nd; d++) {
        const char *dname = dialect_table[d]->name;
        if (!(o->targets & dialect_table[d]->target) || pools[d].n == 0)
            continue;
        strbuf_printf(b, "/* The expected schema's objects (%s), in order of first appearance. */\n"
                         "static const struct migc_object objects_%s[] = {\n",
                      dname, dname);
        for (int k = 0; k < pools[d].n; k++) {
            const char *kind, *name;
            object_name(a, pools[d].sql[k], &kind, &name);
            strbuf_printf(b, "    /* %d */\n    {", k);
            put_literal(b, kind, "     ");
            strbuf_puts(b, ", ");
            put_literal(b, name, "     ");
            strbuf_puts(b, ",\n     ");
            put_literal(b, pools[d].sql[k], "     ");
            strbuf_puts(b, "},\n");
        }
        strbuf_puts(b, "};\n\n");
    }

    strbuf_puts(b, "static const struct migc_revision revisions[] = {\n");
    for (int i = 0; i < n; i++) {
        const struct revision *r = g->revs[i];
        const struct compiled_revision *cr = c->revs[i];
        const struct migration *m = r->mig;
        strbuf_puts(b, "    {.id = ");
        put_literal(b, r->id, "     ");
        if (r->nparents)
            strbuf_printf(b, ",\n     .parents = r%d_parents, .nparents = %d", i, r->nparents);
        if (r->ndeps)
            strbuf_printf(b, ",\n     .deps = r%d_deps, .ndeps = %d", i, r->ndeps);
        if (m->branches.n)
            strbuf_printf(b, ",\n     .labels = r%d_labels, .nlabels = %d", i, m->branches.n);
        strbuf_puts(b, ",\n     .message = ");
        put_literal(b, m->message ? m->message : "", "     ");
        strbuf_puts(b, ",\n     .created = ");
        put_str_or_null(b, m->created);
        strbuf_puts(b, ",\n     .file = ");
        put_literal(b, emit_c_relative(a, o->dir, m->file), "     ");
        strbuf_puts(b, ",\n     .checksum = ");
        put_literal(b, checksum_migration(a, m), "     ");
        if (m->transaction_none)
            strbuf_puts(b, ",\n     .transaction_none = 1");
        if (cr->irreversible)
            strbuf_puts(b, ",\n     .irreversible = 1");
        const char *scripts[2] = {"upgrade", "downgrade"};
        const int *row[] = {nup + i * nd, ndown + i * nd, nadd + i * nd, ndrop + i * nd};
        for (int s = 0; s < 2; s++) {
            if (!any_nonzero(row[s], nd))
                continue;
            strbuf_printf(b, ",\n     .%s = {", scripts[s]);
            for (int d = 0; d < nd; d++) {
                strbuf_puts(b, d ? ", " : "");
                if (row[s][d])
                    strbuf_printf(b, "{r%d_%s_%s, %d}", i, s == 0 ? "up" : "down",
                                  dialect_table[d]->name, row[s][d]);
                else
                    strbuf_puts(b, "{0, 0}");
            }
            strbuf_puts(b, "}");
        }
        if (any_nonzero(row[2], nd) || any_nonzero(row[3], nd)) {
            strbuf_puts(b, ",\n     .schema = {");
            for (int d = 0; d < nd; d++) {
                const char *dname = dialect_table[d]->name;
                strbuf_puts(b, d ? ", " : "");
                strbuf_puts(b, "{");
                if (row[2][d])
                    strbuf_printf(b, "r%d_schema_add_%s, %d, ", i, dname, row[2][d]);
                else
                    strbuf_puts(b, "0, 0, ");
                if (row[3][d])
                    strbuf_printf(b, "r%d_schema_drop_%s, %d", i, dname, row[3][d]);
                else
                    strbuf_puts(b, "0, 0");
                strbuf_puts(b, "}");
            }
            strbuf_puts(b, "}");
        }
        strbuf_puts(b, "},\n");
    }
    if (n == 0)
        strbuf_puts(b, "    {.id = 0},\n");
    strbuf_puts(b, "};\n\n");

    /* The migrator finds ids and prefixes by binary search in this. */
    strbuf_puts(b, "static const int by_id[] = {");
    for (int k = 0; k < n; k++)
        strbuf_printf(b, "%s%d", k == 0 ? "" : k % 16 ? ", " : ",\n    ", g->by_id[k]->topo);
    strbuf_puts(b, n == 0 ? "0};\n\n" : "};\n\n");

    strbuf_puts(b, "static const struct migc_project project = {\n"
                   "    .abi = MIGC_ABI_VERSION,\n    .name = ");
    put_literal(b, o->name, "    ");
    strbuf_puts(b, ",\n    .migc_version = ");
    put_literal(b, o->migc_version, "    ");
    strbuf_puts(b, ",\n    .version_table = ");
    put_literal(b, o->version_table ? o->version_table : "migc_version", "    ");
    strbuf_puts(b, ",\n    .default_url = ");
    put_str_or_null(b, o->default_url);
    strbuf_puts(b, ",\n    .url_env = ");
    put_literal(b, o->url_env ? o->url_env : "DATABASE_URL", "    ");
    strbuf_puts(b, ",\n    .dialects = ");
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
