/* The revision graph: which migration revises which, in what order they
   apply, where the heads, bases and branch labels are. It knows nothing of
   statements or schemas. Everything lives in the arena given to
   graph_build. */
#ifndef MIGC_GRAPH_H
#define MIGC_GRAPH_H

#include <stdbool.h>

#include "arena.h"
#include "ast.h"
#include "diag.h"

struct revision {
    const struct migration *mig;
    const char *id;
    int topo;                          /* index in graph.revs */
    struct revision **parents;         /* through revises, in written order */
    int nparents;
    struct revision **deps;            /* through depends on */
    int ndeps;
    struct revision **children;        /* revisions that revise this one, by id */
    int nchildren;
    struct revision **dependents;      /* revisions that depend on this one */
    int ndependents;
    const char **labels;               /* branch labels written on this revision */
    int nlabels;
};

struct graph {
    struct revision **revs;            /* topological order: parents and deps
                                          before children; ties by created, then id */
    int nrevs;
    struct revision **heads;           /* no child through revises; sorted by id */
    int nheads;
    struct revision **bases;           /* revises base; sorted by id */
    int nbases;
    struct revision **by_id;           /* every revision, sorted by id (strcmp):
                                          for lookups by id and prefix */
};

/* Builds the graph from the parsed migrations (struct migration *, in
   path order: where two files clash, the later one is reported). Reports,
   through d: a missing revision/revises/message header, a duplicate
   revision id (naming both files), revises/depends on naming a revision
   that does not exist (with a hint naming the nearest id), naming itself
   or naming the same revision twice, a duplicate or reserved (head, heads,
   base) branch label, and cycles (listing each). Such
   migrations, and every migration built on one, are left out of g, so
   later passes see a sound graph. Returns false when any error was
   reported. O(n log n) in the number of revisions. */
bool graph_build(struct arena *a, struct diag *d, const struct vec *migrations,
                 struct graph *g);

/* Exact id lookup; NULL when absent. */
struct revision *graph_find(const struct graph *g, const char *id);

/* Why graph_resolve found a revision or not. */
enum graph_resolved {
    GRAPH_RESOLVED,         /* *rev is the revision */
    GRAPH_UNKNOWN,          /* nothing matches (or there are no revisions) */
    GRAPH_AMBIGUOUS,        /* the prefix starts several revision ids */
    GRAPH_MULTIPLE_HEADS,   /* head, heads or X@head: the branch has several heads */
    GRAPH_NO_BRANCH,        /* BRANCH@REV: BRANCH is neither a label nor a revision */
    GRAPH_OFF_BRANCH,       /* BRANCH@REV: REV is not on BRANCH's line of descent */
};

/* Resolves a revision id or a unique prefix of one, a label (LABEL: the
   revision that carries it, as in Alembic; LABEL@head: the head of that
   branch), REV@head (the head descending from REV), BRANCH@REV (REV,
   which must share BRANCH's line of descent; a prefix counts only the
   revisions on it), or head and heads (the only head). Returns
   GRAPH_RESOLVED and sets *rev; otherwise *rev is NULL and *msg (an arena
   string in Alembic's words, such as "Multiple revisions start with 'ab':
   ab1, ab2") is the error message, listing the candidates; the code says
   which kind of miss it is, for the caller's hint. "base", "heads" and
   LABEL@base are not revisions: callers handle them (graph_find_label
   gives the revision a label is written on). */
enum graph_resolved graph_resolve(struct arena *a, const struct graph *g, const char *target,
                                  struct revision **rev, const char **msg);

/* The revision on which the branch label is written; NULL when none. */
struct revision *graph_find_label(const struct graph *g, const char *label);

/* The heads reachable from rev through children (revises), sorted by id,
   into an arena array; returns their count. */
int graph_heads_from(struct arena *a, const struct graph *g, const struct revision *rev,
                     struct revision ***heads);

/* Sets marks[r->topo] for each of the n revisions revs and for every
   ancestor of them (through parents and deps): the revisions a database
   holds once it is at revs. marks has g->nrevs entries; entries already
   set stay set and are not walked through again, so they must come from
   an earlier call. Scratch comes from a. Never fails. */
void graph_mark_ancestors(struct arena *a, const struct graph *g, struct revision *const *revs,
                          int n, bool *marks);

/* True when anc == rev or anc is reachable from rev through parents or
   deps. O(n) per call; meant for merge points, not for every revision. */
bool graph_is_ancestor(const struct graph *g, const struct revision *anc,
                       const struct revision *rev);

/* True when anc == rev or anc is reachable from rev through parents
   (revises) alone: what `merge` refuses, since a revision that only
   depends on another is still a head of its own. O(n) per call. */
bool graph_descends(const struct graph *g, const struct revision *anc,
                    const struct revision *rev);

/* The common ancestor of a and b (through parents and deps) that is
   latest in topological order, or NULL when they share none. */
struct revision *graph_common_ancestor(struct arena *a, const struct graph *g,
                                       const struct revision *x, const struct revision *y);

#endif
