/* migc history, heads, branches and show: the revision graph, offline.
   Their output copies Alembic's (`002 -> 003 (head), add email`, the
   `Rev:` blocks of --verbose), so that an Alembic user reads it at once. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "graphpic.h"
#include "project.h"

static const char history_usage[] =
    "usage: migc history [DIR] [--verbose | --graph [--format mermaid|dot]]\n"
    "\n"
    "List the revisions of the migrations in DIR (default: migrations), newest\n"
    "first: parents -> revision, markers, message.\n"
    "\n"
    "options:\n"
    "  -v, --verbose  print every revision's details\n"
    "  --graph        draw the revision graph instead: revises solid, depends on\n"
    "                 dashed, heads marked\n"
    "  --format FMT   with --graph: mermaid (default) or dot (Graphviz)\n"
    "  -h, --help     print this help\n";

static const char heads_usage[] =
    "usage: migc heads [DIR] [--verbose]\n"
    "\n"
    "List the head revisions (those no revision revises) of the migrations in\n"
    "DIR (default: migrations), with the branch labels they carry.\n"
    "\n"
    "options:\n"
    "  -v, --verbose  print every head's details\n"
    "  -h, --help     print this help\n";

static const char branches_usage[] =
    "usage: migc branches [DIR] [--verbose]\n"
    "\n"
    "List the branch points (revisions that several revisions revise) of the\n"
    "migrations in DIR (default: migrations), each with its children.\n"
    "\n"
    "options:\n"
    "  -v, --verbose  add the messages\n"
    "  -h, --help     print this help\n";

static const char show_usage[] =
    "usage: migc show [DIR] REV\n"
    "\n"
    "Show one revision of the migrations in DIR (default: migrations). REV is\n"
    "a revision id or a unique prefix of one, head, LABEL or LABEL@head.\n"
    "\n"
    "options:\n"
    "  -h, --help     print this help\n";

struct loaded {
    struct arena arena;
    struct diag diag;
    struct project proj;
};

/* Loads DIR; 0 when the graph is usable, else 1 after printing the
   diagnostics. Warnings are left to migc check: they say nothing about
   the graph. */
static int load(struct loaded *l, const char *dir)
{
    memset(l, 0, sizeof *l);
    diag_init(&l->diag, &l->arena);
    l->diag.quiet_warnings = true;
    project_load(&l->proj, &l->arena, &l->diag, dir);
    int rc = diag_failed(&l->diag) ? 1 : 0;
    diag_flush(&l->diag, stderr);
    return rc;
}

/* The start of history, heads and branches, which take [DIR] [-v]:
   parses the words after the command and loads DIR into l. Returns what
   load returns, 2 after a usage error or -1 after --help (exit 0; the
   command prints nothing more); l's arena is to be freed in every case. */
static int load_listing(const char *cmd, const char *usage, int argc, char **argv,
                        bool *verbose, struct loaded *l)
{
    const struct cli_opt opts[] = {{.name = "verbose", .short_name = 'v', .flag = verbose}};
    const char *pos[1];
    int npos;
    enum cli_parsed parsed = cli_parse(cmd, usage, argc, argv, opts, 1, pos, 1, &npos);
    if (parsed != CLI_PARSED) {
        memset(l, 0, sizeof *l);
        return parsed == CLI_HELP ? -1 : cli_parsed_status(parsed);
    }
    return load(l, npos ? pos[0] : "migrations");
}

static void ids_comma(struct strbuf *sb, struct revision *const *revs, int n)
{
    for (int i = 0; i < n; i++)
        strbuf_printf(sb, "%s%s", i ? ", " : "", revs[i]->id);
}

static void labels_comma(struct strbuf *sb, const char *const *labels, int n)
{
    for (int i = 0; i < n; i++)
        strbuf_printf(sb, "%s%s", i ? ", " : "", labels[i]);
}

static void parents_text(struct strbuf *sb, const struct revision *r)
{
    if (r->nparents == 0)
        strbuf_puts(sb, "<base>");
    else
        ids_comma(sb, r->parents, r->nparents);
}

static int cmp_str(const void *pa, const void *pb)
{
    return strcmp(*(const char *const *)pa, *(const char *const *)pb);
}

/* The labels of the branches a revision is on: those written on it or on
   an ancestor through revises, sorted, each once. */
static int branch_labels(struct arena *a, const struct graph *g, const struct revision *rev,
                         const char ***out)
{
    bool *seen = calloc((size_t)g->nrevs + 1, 1);
    const struct revision **stack = malloc(sizeof *stack * ((size_t)g->nrevs + 1));
    struct vec labels = {0};
    if (seen && stack) {
        int top = 0;
        stack[top++] = rev;
        seen[rev->topo] = true;
        while (top) {
            const struct revision *r = stack[--top];
            for (int i = 0; i < r->nlabels; i++)
                vec_push(a, &labels, (void *)r->labels[i]);
            for (int i = 0; i < r->nparents; i++)
                if (!seen[r->parents[i]->topo]) {
                    seen[r->parents[i]->topo] = true;
                    stack[top++] = r->parents[i];
                }
        }
    }
    free(seen);
    free(stack);
    if (labels.n > 1)
        qsort(labels.items, (size_t)labels.n, sizeof *labels.items, cmp_str);
    int n = 0;
    for (int i = 0; i < labels.n; i++)
        if (n == 0 || strcmp(labels.items[n - 1], labels.items[i]) != 0)
            labels.items[n++] = labels.items[i];
    *out = (const char **)labels.items;
    return n;
}

enum {
    SHOW_PARENTS = 1,   /* "001 -> 002" */
    SHOW_TREE = 2,      /* (branchpoint) (mergepoint) */
    SHOW_DOC = 4,       /* ", message" */
};

/* One line as Alembic's Script.cmd_format prints it. */
static void short_line(struct strbuf *sb, const struct revision *r, const char *const *labels,
                       int nlabels, int what)
{
    if (what & SHOW_PARENTS) {
        parents_text(sb, r);
        if (r->ndeps) {
            strbuf_puts(sb, " (");
            ids_comma(sb, r->deps, r->ndeps);
            strbuf_putc(sb, ')');
        }
        strbuf_puts(sb, " -> ");
    }
    strbuf_puts(sb, r->id);
    if (nlabels) {
        strbuf_puts(sb, " (");
        labels_comma(sb, labels, nlabels);
        strbuf_putc(sb, ')');
    }
    if (r->nchildren == 0)
        strbuf_puts(sb, " (head)");
    if (what & SHOW_TREE) {
        if (r->nchildren > 1)
            strbuf_puts(sb, " (branchpoint)");
        if (r->nparents > 1)
            strbuf_puts(sb, " (mergepoint)");
    }
    /* Without the parents, say what the revision depends on, so that
       heads and branches show why a revision another depends on stays. */
    if (!(what & SHOW_PARENTS) && r->ndeps) {
        strbuf_puts(sb, " (depends on ");
        ids_comma(sb, r->deps, r->ndeps);
        strbuf_putc(sb, ')');
    }
    if (what & SHOW_DOC)
        strbuf_printf(sb, ", %s", r->mig->message);
}

static void put_line(struct strbuf *sb)
{
    puts(strbuf_str(sb));
    strbuf_reset(sb);
}

static void print_message(const char *msg)
{
    const char *p = msg;
    for (;;) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        if (len)
            printf("    %.*s\n", (int)len, p);
        else
            putchar('\n');
        if (!nl)
            break;
        p = nl + 1;
    }
}

/* A block as Alembic's Script.log_entry prints it; show adds what migc
   knows beyond Alembic (transaction, downgrade, statements). */
static void long_entry(const struct revision *r, bool details)
{
    const struct migration *m = r->mig;
    struct strbuf sb = {0};
    strbuf_printf(&sb, "Rev: %s", r->id);
    if (r->nchildren == 0)
        strbuf_puts(&sb, " (head)");
    if (r->nchildren > 1)
        strbuf_puts(&sb, " (branchpoint)");
    if (r->nparents > 1)
        strbuf_puts(&sb, " (mergepoint)");
    put_line(&sb);
    strbuf_puts(&sb, r->nparents > 1 ? "Merges: " : "Parent: ");
    parents_text(&sb, r);
    put_line(&sb);
    if (r->ndeps) {
        strbuf_puts(&sb, "Also depends on: ");
        ids_comma(&sb, r->deps, r->ndeps);
        put_line(&sb);
    }
    if (r->nchildren > 1) {
        strbuf_puts(&sb, "Branches into: ");
        ids_comma(&sb, r->children, r->nchildren);
        put_line(&sb);
    }
    if (r->nlabels) {
        strbuf_puts(&sb, "Branch names: ");
        labels_comma(&sb, r->labels, r->nlabels);
        put_line(&sb);
    }
    printf("Path: %s\n", m->file);
    if (m->created)
        printf("Create Date: %s\n", m->created);
    if (details) {
        printf("Transaction: %s\n", m->transaction_none ? "none" : "yes");
        printf("Downgrade: %s\n", m->downgrade_kind == DOWNGRADE_EXPLICIT       ? "explicit"
                                  : m->downgrade_kind == DOWNGRADE_IRREVERSIBLE ? "irreversible"
                                                                                : "derived");
        printf("Statements: %d upgrade", m->upgrade.n);
        if (m->downgrade_kind == DOWNGRADE_EXPLICIT)
            printf(", %d downgrade", m->downgrade.n);
        putchar('\n');
    }
    putchar('\n');
    print_message(m->message);
    putchar('\n');
    strbuf_free(&sb);
}

/* The graph in the neutral form graphpic draws: newest first, as
   history lists it; an arrow from each parent and dependency. */
static void draw_graph(struct arena *a, const struct graph *g, enum graphpic_format f)
{
    struct graphpic_node *nodes = arena_alloc(a, sizeof *nodes * ((size_t)g->nrevs + 1));
    int maxedges = 0;
    for (int i = 0; i < g->nrevs; i++)
        maxedges += g->revs[i]->nparents + g->revs[i]->ndeps;
    struct graphpic_edge *edges = arena_alloc(a, sizeof *edges * ((size_t)maxedges + 1));
    int nedges = 0;
    int last = g->nrevs - 1;
    for (int i = last; i >= 0; i--) {
        const struct revision *r = g->revs[i];
        nodes[last - i] = (struct graphpic_node){.id = r->id, .message = r->mig->message,
                                                 .labels = r->labels, .nlabels = r->nlabels,
                                                 .head = r->nchildren == 0};
        for (int j = 0; j < r->nparents; j++)
            edges[nedges++] = (struct graphpic_edge){last - r->parents[j]->topo, last - i, false};
        for (int j = 0; j < r->ndeps; j++)
            edges[nedges++] = (struct graphpic_edge){last - r->deps[j]->topo, last - i, true};
    }
    struct graphpic pic = {nodes, g->nrevs, edges, nedges};
    graphpic_write(stdout, &pic, f);
}

int cmd_history(int argc, char **argv)
{
    bool verbose = false, graph = false;
    const char *format = NULL;
    const struct cli_opt opts[] = {{.name = "verbose", .short_name = 'v', .flag = &verbose},
                                   {.name = "graph", .flag = &graph},
                                   {.name = "format", .value = &format}};
    const char *pos[1];
    int npos;
    enum graphpic_format f = GRAPHPIC_MERMAID;
    enum cli_parsed parsed = cli_parse("history", history_usage, argc, argv, opts, 3, pos, 1,
                                       &npos);
    if (parsed != CLI_PARSED)
        return cli_parsed_status(parsed);
    if (format && !graph)
        return cli_usage_error("history", history_usage, "--format needs --graph", NULL);
    if (graph && verbose)
        return cli_usage_error("history", history_usage,
                               "--graph cannot be combined with --verbose", NULL);
    if (format && graphpic_format_parse(format, &f))
        return cli_usage_error("history", history_usage, "--format takes mermaid or dot, not",
                               format);
    struct loaded l;
    int rc = load(&l, npos ? pos[0] : "migrations");
    if (rc == 0 && graph)
        draw_graph(&l.arena, &l.proj.graph, f);
    else if (rc == 0) {
        const struct graph *g = &l.proj.graph;
        struct strbuf sb = {0};
        for (int i = g->nrevs - 1; i >= 0; i--) {
            const struct revision *r = g->revs[i];
            if (verbose) {
                long_entry(r, false);
                continue;
            }
            short_line(&sb, r, r->labels, r->nlabels, SHOW_PARENTS | SHOW_TREE | SHOW_DOC);
            put_line(&sb);
        }
        strbuf_free(&sb);
    }
    arena_free(&l.arena);
    return rc < 0 ? 0 : rc;
}

int cmd_heads(int argc, char **argv)
{
    bool verbose = false;
    struct loaded l;
    int rc = load_listing("heads", heads_usage, argc, argv, &verbose, &l);
    if (rc == 0) {
        const struct graph *g = &l.proj.graph;
        struct strbuf sb = {0};
        for (int i = 0; i < g->nheads; i++) {
            const struct revision *r = g->heads[i];
            if (verbose) {
                long_entry(r, false);
                continue;
            }
            const char **labels;
            int nlabels = branch_labels(&l.arena, g, r, &labels);
            short_line(&sb, r, labels, nlabels, 0);
            put_line(&sb);
        }
        strbuf_free(&sb);
    }
    arena_free(&l.arena);
    return rc < 0 ? 0 : rc;
}

int cmd_branches(int argc, char **argv)
{
    bool verbose = false;
    struct loaded l;
    int rc = load_listing("branches", branches_usage, argc, argv, &verbose, &l);
    if (rc == 0) {
        const struct graph *g = &l.proj.graph;
        struct strbuf sb = {0};
        int doc = verbose ? SHOW_DOC : 0;
        for (int i = g->nrevs - 1; i >= 0; i--) {
            const struct revision *r = g->revs[i];
            if (r->nchildren < 2)
                continue;
            short_line(&sb, r, r->labels, r->nlabels, SHOW_TREE | doc);
            put_line(&sb);
            for (int j = 0; j < r->nchildren; j++) {
                const struct revision *c = r->children[j];
                strbuf_printf(&sb, "%*s -> ", (int)strlen(r->id), "");
                short_line(&sb, c, c->labels, c->nlabels, SHOW_TREE | doc);
                put_line(&sb);
            }
            putchar('\n');
        }
        strbuf_free(&sb);
    }
    arena_free(&l.arena);
    return rc < 0 ? 0 : rc;
}

int cmd_show(int argc, char **argv)
{
    const char *pos[2];
    int npos;
    enum cli_parsed parsed = cli_parse("show", show_usage, argc, argv, NULL, 0, pos, 2, &npos);
    if (parsed != CLI_PARSED)
        return cli_parsed_status(parsed);
    if (npos == 0)
        return cli_usage_error("show", show_usage, "missing the revision to show", NULL);
    const char *dir = npos == 2 ? pos[0] : "migrations";
    const char *target = pos[npos - 1];
    struct loaded l;
    int rc = load(&l, dir);
    if (rc == 0) {
        struct revision *r;
        const char *err;
        enum graph_resolved res = graph_resolve(&l.arena, &l.proj.graph, target, &r, &err);
        if (res == GRAPH_RESOLVED) {
            long_entry(r, true);
        } else {
            cli_error("show", "%s", err);
            if (res == GRAPH_MULTIPLE_HEADS)
                cli_hint("Name one of them, by id or with LABEL@head.");
            else if (res == GRAPH_AMBIGUOUS)
                cli_hint("Give more characters of the revision id.");
            else
                cli_hint("Run 'migc history' to list the revisions.");
            rc = 2;
        }
    }
    arena_free(&l.arena);
    return rc;
}
