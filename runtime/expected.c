/* The schema the migrations leave at given heads, as SQL in an order that
   applies: what schema prints and check compares with the database. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "migrator.h"

/* The objects (indexes into objects[d]) of one revision's schema: its
   first-parent line's deltas applied from the root. */
static void schema_of(struct rt *rt, int d, int r, unsigned char *objs)
{
    int *chain = rt_alloc(rt, sizeof(int) * (size_t)(rt->n + 1));
    int n = 0;
    for (int x = r; x >= 0; x = rt->revs[x].nparents ? rt->revs[x].parents[0] : -1)
        chain[n++] = x;
    while (n-- > 0) {
        const struct migc_schema_delta *dl = &rt->p->revisions[chain[n]].schema[d];
        for (int i = 0; i < dl->ndrop; i++)
            objs[migc_list(rt->p, dl->drop)[i]] = 0;
        for (int i = 0; i < dl->nadd; i++)
            objs[migc_list(rt->p, dl->add)[i]] = 1;
    }
}

static bool same_object(const struct migc_project *p, const struct migc_object *a,
                        const struct migc_object *b)
{
    return strcmp(migc_string(p, a->kind), migc_string(p, b->kind)) == 0 &&
           strcmp(migc_string(p, a->name), migc_string(p, b->name)) == 0;
}

/* The schema of a database at several heads: a three-way merge, object by
   object, against their latest common ancestor (the compiler has checked
   that no two heads changed one object differently). */
unsigned char *expected_schema(struct rt *rt, int d, const int *heads, int nheads)
{
    int nobj = rt->p->nobjects[d];
    const struct migc_object *obj = rt->p->objects[d];
    unsigned char *out = rt_alloc(rt, (size_t)nobj + 1);
    if (nheads == 0)
        return out;
    if (nheads == 1) {
        schema_of(rt, d, heads[0], out);
        return out;
    }
    unsigned char *common = rt_alloc(rt, (size_t)rt->n + 1);
    memset(common, 1, (size_t)rt->n);
    for (int h = 0; h < nheads; h++) {
        unsigned char *anc = rt_alloc(rt, (size_t)rt->n + 1);
        revgraph_ancestors(rt, heads[h], anc);
        for (int i = 0; i < rt->n; i++)
            common[i] &= anc[i];
    }
    int ca = -1;
    for (int i = rt->n - 1; i >= 0 && ca < 0; i--)
        if (common[i])
            ca = i;
    unsigned char *base = rt_alloc(rt, (size_t)nobj + 1);
    if (ca >= 0)
        schema_of(rt, d, ca, base);
    memcpy(out, base, (size_t)nobj);
    for (int h = 0; h < nheads; h++) {
        unsigned char *mine = rt_alloc(rt, (size_t)nobj + 1);
        schema_of(rt, d, heads[h], mine);
        for (int i = 0; i < nobj; i++) {
            if (mine[i] == base[i])
                continue;
            /* This head changed object i's name: take its version. */
            for (int j = 0; j < nobj; j++)
                if (same_object(rt->p, &obj[i], &obj[j]))
                    out[j] = mine[j];
        }
    }
    return out;
}

/* The tables of v that table self references: the name after each
   REFERENCES in its SQL (as rendered: upper-case keyword, then the name as
   written, quoted or not). Returns a malloc'd array of indexes into v. */
static int *table_deps(const struct migc_project *proj, const struct migc_object *const *v,
                       int n, int self, int *nd)
{
    const char *sql = migc_string(proj, v[self]->sql);
    int cap = 0;
    for (const char *p = sql; (p = strstr(p, "REFERENCES ")); p += 11)
        cap++;
    int *deps = malloc(sizeof(int) * (size_t)(cap + 1));
    if (!deps)
        abort();
    *nd = 0;
    for (const char *p = sql; (p = strstr(p, "REFERENCES "));) {
        p += 11;
        for (int j = 0; j < n; j++) {
            const char *name = migc_string(proj, v[j]->name);
            size_t len = strlen(name);
            if (j != self && strncmp(p, name, len) == 0 &&
                (p[len] == ' ' || p[len] == '(' || p[len] == ',' || p[len] == ')' ||
                 p[len] == '\0')) {
                deps[(*nd)++] = j;
                break;
            }
        }
    }
    return deps;
}

/* Depth first: a table after the tables it references (PostgreSQL checks
   a foreign key's table when the referencing one is created). A cycle
   keeps the given order. */
static void visit_table(const struct migc_project *p, const struct migc_object *const *v, int n,
                        int t, unsigned char *state, const char **out, int *nout)
{
    if (state[t])
        return;
    state[t] = 1;
    int nd;
    int *deps = table_deps(p, v, n, t, &nd);
    for (int i = 0; i < nd; i++)
        visit_table(p, v, n, deps[i], state, out, nout);
    free(deps);
    out[(*nout)++] = migc_string(p, v[t]->sql);
}

/* Whether index SQL sql ("CREATE [UNIQUE] INDEX name ON target ...") is
   on one of the materialized views named mv (as their SQL writes them),
   which must be created first. */
static bool on_materialized_view(const char *sql, const char *const *mv, int nmv)
{
    const char *on = nmv ? strstr(sql, " ON ") : NULL;
    if (!on)
        return false;
    on += 4;
    for (int j = 0; j < nmv; j++) {
        size_t len = strlen(mv[j]);
        if (strncmp(on, mv[j], len) == 0 && (on[len] == ' ' || on[len] == '(' || !on[len]))
            return true;
    }
    return false;
}

/* Whether sql names the relation name (as its SQL writes it: a quoted
   name with its quotes, else a bare lower-case word), outside string
   literals. */
static bool sql_names(const char *sql, const char *name)
{
    if (name[0] == '"')
        return strstr(sql, name) != NULL;
    size_t len = strlen(name);
    for (const char *p = sql; *p;) {
        if (*p == '\'') {
            for (p++; *p && *p != '\''; p++)
                ;
            if (*p)
                p++;
            continue;
        }
        bool start = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || *p == '_';
        if (!start) {
            p++;
            continue;
        }
        const char *w = p;
        while ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || *p == '_' || *p == '$' ||
               (*p >= '0' && *p <= '9'))
            p++;
        if ((size_t)(p - w) == len && strncasecmp(w, name, len) == 0)
            return true;
    }
    return false;
}

/* Depth first: a view (materialized or not) after the views its SQL
   names, which it would otherwise read from the live schema behind the
   scratch one. Other objects keep their place. */
static void visit_view(const struct migc_project *p, int d, const int *views, int nviews, int k,
                       unsigned char *state, const char **out, int *nout)
{
    if (state[k])
        return;
    state[k] = 1;
    const struct migc_object *o = &p->objects[d][views[k]];
    const char *kind = migc_string(p, o->kind);
    bool is_view = strcmp(kind, "view") == 0 || strcmp(kind, "materialized view") == 0;
    for (int j = 0; is_view && j < nviews; j++) {
        const struct migc_object *x = &p->objects[d][views[j]];
        const char *xk = migc_string(p, x->kind);
        if (j != k && (strcmp(xk, "view") == 0 || strcmp(xk, "materialized view") == 0) &&
            sql_names(migc_string(p, o->sql), migc_string(p, x->name)))
            visit_view(p, d, views, nviews, j, state, out, nout);
    }
    out[(*nout)++] = migc_string(p, o->sql);
}

static void order_views(struct rt *rt, int d, const int *views, int nviews, const char **out,
                        int *nout)
{
    unsigned char *state = rt_alloc(rt, (size_t)nviews + 1);
    for (int k = 0; k < nviews; k++)
        visit_view(rt->p, d, views, nviews, k, state, out, nout);
}

/* The expected SQL in an order that applies: tables (each after those it
   references), then foreign keys added by ALTER TABLE (on PostgreSQL, which
   checks a referenced table at CREATE TABLE, every key to another table
   comes so, and a cycle of them applies), indexes, then views (materialized
   or not) and objects of kinds this runtime does not know, each in the
   order they first appeared, then the indexes on materialized views. */
int expected_sql(struct rt *rt, int d, const unsigned char *objs, const char ***out)
{
    int nobj = rt->p->nobjects[d];
    const char **v = rt_alloc(rt, sizeof *v * (size_t)(nobj + 1));
    int n = 0;
    const struct migc_object **tables = rt_alloc(rt, sizeof *tables * (size_t)(nobj + 1));
    int ntables = 0;
    /* Types first: tables' columns use them. */
    for (int i = 0; i < nobj; i++)
        if (objs[i] && strcmp(migc_string(rt->p, rt->p->objects[d][i].kind), "type") == 0)
            v[n++] = migc_string(rt->p, rt->p->objects[d][i].sql);
    for (int i = 0; i < nobj; i++)
        if (objs[i] && strcmp(migc_string(rt->p, rt->p->objects[d][i].kind), "table") == 0)
            tables[ntables++] = &rt->p->objects[d][i];
    unsigned char *state = rt_alloc(rt, (size_t)ntables + 1);
    for (int t = 0; t < ntables; t++)
        visit_table(rt->p, tables, ntables, t, state, v, &n);
    const char **mv = rt_alloc(rt, sizeof *mv * (size_t)(nobj + 1));
    int nmv = 0;
    for (int i = 0; i < nobj; i++)
        if (objs[i] &&
            strcmp(migc_string(rt->p, rt->p->objects[d][i].kind), "materialized view") == 0)
            mv[nmv++] = migc_string(rt->p, rt->p->objects[d][i].name);
    int *views = rt_alloc(rt, sizeof *views * (size_t)(nobj + 1));
    int nviews = 0;
    /* The last pass: indexes on materialized views, after them. */
    static const char *const kinds[] = {"foreign key", "index", "view", "index"};
    for (int k = 0; k < 4; k++) {
        for (int i = 0; i < nobj; i++) {
            const char *kind = migc_string(rt->p, rt->p->objects[d][i].kind);
            bool known = strcmp(kind, "table") == 0 || strcmp(kind, "foreign key") == 0 ||
                         strcmp(kind, "index") == 0 || strcmp(kind, "view") == 0 ||
                         strcmp(kind, "type") == 0;
            if (!objs[i] || !(strcmp(kind, kinds[k]) == 0 || (k == 2 && !known)))
                continue;
            if (k == 1 || k == 3) {
                bool late = on_materialized_view(migc_string(rt->p, rt->p->objects[d][i].sql),
                                                 mv, nmv);
                if (late != (k == 3))
                    continue;
            }
            if (k == 2)
                views[nviews++] = i;
            else
                v[n++] = migc_string(rt->p, rt->p->objects[d][i].sql);
        }
        if (k == 2)
            order_views(rt, d, views, nviews, v, &n);
    }
    *out = v;
    return n;
}
