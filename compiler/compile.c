#include "compile.h"

#include <string.h>

#include "invert.h"
#include "placeholder.h"
#include "schema_compare.h"
#include "schema_merge.h"
#include "replay.h"
#include "viewcheck.h"

struct compiler {
    struct arena *a;
    struct diag *d;
    const struct graph *g;
    struct compilation *out;
    struct replay_ctx rc;
};

static const struct schema *schema_of(const struct compilation *c, const struct revision *r)
{
    const struct compiled_revision *cr = c->revs ? c->revs[r->topo] : NULL;
    return cr && cr->after ? cr->after : schema_empty();
}

/* "description (file:line)", or the description alone when it has no
   place (a side that dropped the object). */
static const char *side(struct arena *a, const char *desc, struct loc loc)
{
    if (!loc.file)
        return desc;
    return arena_printf(a, "%s (%s)", desc, replay_place(a, loc));
}

/* Folds the schemas of revs into one, pairwise, each against the latest
   common ancestor of the next revision and those merged so far. Conflicts
   are errors at locs[i] (the place naming the i-th revision) when d is
   set. */
static const struct schema *merge_revisions(struct arena *a, struct diag *d,
                                            const struct compilation *c,
                                            struct revision *const *revs, const struct loc *locs,
                                            int n)
{
    if (n == 0)
        return schema_empty();
    const struct schema *acc = schema_of(c, revs[0]);
    for (int i = 1; i < n; i++) {
        struct revision *base = NULL;
        for (int j = 0; j < i; j++) {
            struct revision *ca = graph_common_ancestor(a, c->graph, revs[j], revs[i]);
            if (ca && (!base || ca->topo > base->topo))
                base = ca;
        }
        struct vec conflicts = {0};
        acc = schema_merge3(a, base ? schema_of(c, base) : schema_empty(), acc,
                            schema_of(c, revs[i]), &conflicts);
        if (!d)
            continue;
        for (int k = 0; k < conflicts.n; k++) {
            const struct schema_conflict *x = VEC_AT(conflicts, k, const struct schema_conflict *);
            diag_error(d, locs[i], "cannot merge %s: the branches changed it differently",
                       x->object);
            diag_detail(d, "One branch has %s; the other has %s.",
                        side(a, x->ours, x->ours_loc), side(a, x->theirs, x->theirs_loc));
            diag_hint(d, "Make the branches agree, or change the object in one branch only.");
        }
    }
    return acc;
}

/* The schema a revision starts from: its parents' and dependencies'
   schemas merged, conflicts reported where the header names them. */
static const struct schema *revision_before(struct compiler *cp, const struct revision *r)
{
    const struct migration *m = r->mig;
    int n = r->nparents + r->ndeps;
    if (n == 0)
        return schema_empty();
    struct revision **revs = arena_alloc(cp->a, sizeof *revs * (size_t)n);
    struct loc *locs = arena_alloc(cp->a, sizeof *locs * (size_t)n);
    for (int i = 0; i < r->nparents; i++) {
        revs[i] = r->parents[i];
        locs[i] = m->revises_loc;
    }
    for (int i = 0; i < r->ndeps; i++) {
        revs[r->nparents + i] = r->deps[i];
        locs[r->nparents + i] = m->revises_loc;
        for (int k = 0; k < m->depends_on.n; k++) {
            const struct ident *id = VEC_AT(m->depends_on, k, const struct ident *);
            if (strcmp(id->name, r->deps[i]->id) == 0)
                locs[r->nparents + i] = id->loc;
        }
    }
    return merge_revisions(cp->a, cp->d, cp->out, revs, locs, n);
}

/* Replays stmts (struct stmt *) from s, appending a step per statement to
   steps. Returns the final schema. */
static const struct schema *replay_all(struct compiler *cp, const struct schema *s,
                                       const struct vec *stmts, struct vec *steps)
{
    for (int i = 0; i < stmts->n; i++) {
        struct step *sp = arena_alloc(cp->a, sizeof *sp);
        sp->stmt = VEC_AT(*stmts, i, const struct stmt *);
        sp->before = s;
        s = replay_stmt(&cp->rc, s, sp->stmt);
        sp->after = s;
        vec_push(cp->a, steps, sp);
    }
    return s;
}

static const char *difference(struct arena *a, const struct schema_diff *x)
{
    const char *k = x->kind;
    if (strcmp(k, "missing") == 0)
        return arena_printf(a, "%s is missing", x->object);
    if (strcmp(k, "extra") == 0)
        return arena_printf(a, "%s is not dropped", x->object);
    if (strcmp(k, "type") == 0)
        return arena_printf(a, "%s has type %s instead of %s", x->object, x->actual, x->expected);
    if (strcmp(k, "nullability") == 0)
        return arena_printf(a, "%s is %s instead of %s", x->object, x->actual, x->expected);
    if (strcmp(k, "comment") == 0)
        return arena_printf(a, "%s has comment %s instead of %s", x->object, x->actual,
                            x->expected);
    if (strcmp(k, "default") == 0 || strcmp(k, "identity") == 0)
        return arena_printf(a, "%s has %s instead of %s", x->object, x->actual, x->expected);
    return arena_printf(a, "%s differs", x->object);
}

/* The round-trip check: the downgrade must give back before exactly. */
static void check_round_trip(struct compiler *cp, const struct compiled_revision *cr,
                             const struct schema *restored)
{
    const struct migration *m = cr->rev->mig;
    struct vec diffs = {0};
    if (schema_compare(cp->a, cr->before, restored, &diffs) == 0)
        return;
    struct loc loc = cr->derived ? m->revision.loc : m->downgrade_loc;
    if (!loc.file)
        loc = m->loc;
    for (int i = 0; i < diffs.n; i++) {
        const struct schema_diff *x = VEC_AT(diffs, i, const struct schema_diff *);
        diag_error(cp->d, loc, "%s downgrade of revision \"%s\" does not restore the schema: %s",
                   cr->derived ? "derived" : "the", cr->rev->id, difference(cp->a, x));
        diag_detail(cp->d, "Before the upgrade: %s. After the downgrade: %s.", x->expected,
                    x->actual);
        if (x->loc.file)
            diag_detail(cp->d, "It was last defined at %s.", replay_place(cp->a, x->loc));
    }
}

static void compile_revision(struct compiler *cp, struct revision *r)
{
    struct arena *a = cp->a;
    const struct migration *m = r->mig;
    struct compiled_revision *cr = arena_alloc(a, sizeof *cr);
    cr->rev = r;
    cr->before = revision_before(cp, r);
    cp->out->revs[r->topo] = cr;

    cp->rc.mig = m;
    int errors = cp->d->errors;
    cr->after = replay_all(cp, cr->before, &m->upgrade, &cr->up);
    bool upgrade_ok = cp->d->errors == errors;

    const struct vec *down = NULL;
    struct vec derived = {0};
    switch (m->downgrade_kind) {
    case DOWNGRADE_IRREVERSIBLE:
        cr->irreversible = true;
        return;
    case DOWNGRADE_EXPLICIT:
        down = &m->downgrade;
        break;
    case DOWNGRADE_DERIVED:
        cr->derived = true;
        /* Inverting an upgrade that had errors would only echo them. */
        if (!upgrade_ok || !invert_steps(a, cp->d, &cr->up, &derived))
            return;
        down = &derived;
        break;
    }
    errors = cp->d->errors;
    const struct schema *restored = replay_all(cp, cr->after, down, &cr->down);
    if (upgrade_ok && cp->d->errors == errors)
        check_round_trip(cp, cr, restored);
}

bool compile_project(struct arena *a, struct diag *d, const struct graph *g, unsigned targets,
                     struct compilation *out)
{
    memset(out, 0, sizeof *out);
    out->graph = g;
    out->revs = arena_alloc(a, sizeof *out->revs * (size_t)(g->nrevs + 1));
    int errors = d->errors;
    struct compiler cp = {.a = a, .d = d, .g = g, .out = out};
    struct viewcheck *vc = viewcheck_open(a, d);
    replay_init(&cp.rc, a, d, targets, vc);
    for (int i = 0; i < g->nrevs; i++) {
        placeholder_check(d, g->revs[i]->mig);
        compile_revision(&cp, g->revs[i]);
    }
    viewcheck_close(vc);

    struct loc *locs = arena_alloc(a, sizeof *locs * (size_t)(g->nheads + 1));
    for (int i = 0; i < g->nheads; i++)
        locs[i] = g->heads[i]->mig->revision.loc;
    out->head = merge_revisions(a, d, out, g->heads, locs, g->nheads);
    return d->errors == errors;
}

const struct schema *compile_schema_at(struct arena *a, const struct compilation *c,
                                       struct revision *const *revs, int n)
{
    return merge_revisions(a, NULL, c, revs, NULL, n);
}
