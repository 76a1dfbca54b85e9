/* graphpic: the revision graph as a picture, in Mermaid (renders where
   users read Markdown) or Graphviz DOT. migc history --graph and a
   migrator's history --graph both describe their graph in the neutral
   structs below and draw it here, so the two pictures never differ.
   Shared by the runtime and the compiler: it needs only stdio. */
#ifndef MIGC_RUNTIME_GRAPHPIC_H
#define MIGC_RUNTIME_GRAPHPIC_H

#include <stdbool.h>
#include <stdio.h>

enum graphpic_format { GRAPHPIC_MERMAID, GRAPHPIC_DOT };

/* What a database says of a revision; NONE when there is no database
   (migc, or a migrator without a URL). */
enum graphpic_state { GRAPHPIC_NONE, GRAPHPIC_PENDING, GRAPHPIC_APPLIED, GRAPHPIC_CURRENT };

/* One revision. The strings are the caller's, read during graphpic_write
   only; they are text from a .mig file and are escaped on output. */
struct graphpic_node {
    const char *id;
    const char *message;
    const char *const *labels;         /* branch labels written on it */
    int nlabels;
    bool head;
    enum graphpic_state state;
};

/* An arrow from a parent (through revises) or a dependency (through
   depends on) to the revision that names it; indexes into nodes. */
struct graphpic_edge {
    int from, to;
    bool depends;
};

struct graphpic {
    const struct graphpic_node *nodes; /* in the order they are written */
    int nnodes;
    const struct graphpic_edge *edges;
    int nedges;
};

/* Sets *f and returns 0 for "mermaid" or "dot"; returns -1 otherwise. */
int graphpic_format_parse(const char *name, enum graphpic_format *f);

/* Writes g to out in format f: nodes and edges in the order given, each
   on one line, revises drawn solid and depends on dashed, heads and the
   database's states marked by text and style. Edges with an index out of
   range are left out. Never fails (a write error is out's). */
void graphpic_write(FILE *out, const struct graphpic *g, enum graphpic_format f);

#endif
