/* The revision graph on hand-built migrations: order and ties, heads,
   bases, lookups, labels, every graph error, ancestors, and a 10,000
   revision history that must build and answer quickly. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "check.h"
#include "graph.h"

struct fixture {
    struct arena arena;
    struct diag diag;
    struct vec migs;
    struct graph graph;
    bool ok;
    int line;           /* fake source lines: one per migration */
};

static void fx_init(struct fixture *f)
{
    memset(f, 0, sizeof *f);
    diag_init(&f->diag, &f->arena);
}

static void split_into(struct fixture *f, struct vec *v, const char *csv, int line, int col)
{
    if (!csv)
        return;
    const char *p = csv;
    while (*p) {
        const char *e = strchr(p, ',');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        struct loc loc = {NULL, line, col + (int)(p - csv), (int)n};
        vec_push(&f->arena, v, ident_new(&f->arena, arena_strndup(&f->arena, p, n), loc));
        p += n + (e != NULL);
    }
}

/* Adds a migration in file "<id>.mig". parents: NULL = revises base,
   "-" = no revises line, else "a,b"; deps and labels "a,b" or NULL. */
static struct migration *add(struct fixture *f, const char *id, const char *parents,
                             const char *deps, const char *created, const char *labels)
{
    struct migration *m = arena_alloc(&f->arena, sizeof *m);
    m->file = arena_printf(&f->arena, "%s.mig", id ? id : "noid");
    int line = ++f->line;
    m->loc = (struct loc){m->file, 1, 1, 1};
    if (id)
        m->revision = (struct ident){id, {m->file, line, 10, (int)strlen(id)}};
    if (!parents) {
        m->has_revises = m->revises_base = true;
    } else if (strcmp(parents, "-") != 0) {
        m->has_revises = true;
        split_into(f, &m->revises, parents, line, 20);
    }
    split_into(f, &m->depends_on, deps, line, 40);
    split_into(f, &m->branches, labels, line, 60);
    for (int i = 0; i < m->revises.n; i++)
        VEC_AT(m->revises, i, struct ident *)->loc.file = m->file;
    for (int i = 0; i < m->depends_on.n; i++)
        VEC_AT(m->depends_on, i, struct ident *)->loc.file = m->file;
    for (int i = 0; i < m->branches.n; i++)
        VEC_AT(m->branches, i, struct ident *)->loc.file = m->file;
    m->message = arena_printf(&f->arena, "message %s", id ? id : "");
    m->created = created;
    vec_push(&f->arena, &f->migs, m);
    return m;
}

static void build(struct fixture *f)
{
    f->ok = graph_build(&f->arena, &f->diag, &f->migs, &f->graph);
}

/* The diagnostics as migc would print them. */
static char *diag_text(struct fixture *f)
{
    FILE *tf = tmpfile();
    CHECK(tf != NULL);
    diag_flush(&f->diag, tf);
    long n = ftell(tf);
    rewind(tf);
    char *buf = arena_alloc(&f->arena, (size_t)n + 1);
    CHECK(fread(buf, 1, (size_t)n, tf) == (size_t)n);
    fclose(tf);
    return buf;
}

static void expect_diag(struct fixture *f, const char *text, const char *want)
{
    if (!strstr(text, want)) {
        fprintf(stderr, "test_graph.c: diagnostics lack \"%s\"; they were:\n%s", want, text);
        exit(1);
    }
    (void)f;
}

/* The id target resolves to, or the error text when it does not. */
static const char *rid(struct fixture *f, const char *target)
{
    struct revision *r;
    const char *err;
    return graph_resolve(&f->arena, &f->graph, target, &r, &err) == GRAPH_RESOLVED ? r->id : err;
}

/* The error text of a target that does not resolve, after checking why. */
static const char *miss(struct fixture *f, const char *target, enum graph_resolved why)
{
    struct revision *r;
    const char *err;
    CHECK(graph_resolve(&f->arena, &f->graph, target, &r, &err) == why);
    CHECK(r == NULL && err != NULL);
    return err ? err : "";
}

static const char *order_of(struct fixture *f)
{
    struct strbuf sb = {0};
    for (int i = 0; i < f->graph.nrevs; i++) {
        CHECK(f->graph.revs[i]->topo == i);
        strbuf_printf(&sb, "%s%s", i ? " " : "", f->graph.revs[i]->id);
    }
    return strbuf_to_arena(&sb, &f->arena);
}

static const char *list(struct fixture *f, struct revision **revs, int n)
{
    struct strbuf sb = {0};
    for (int i = 0; i < n; i++)
        strbuf_printf(&sb, "%s%s", i ? " " : "", revs[i]->id);
    return strbuf_to_arena(&sb, &f->arena);
}

static void test_order_and_ties(void)
{
    struct fixture f;
    fx_init(&f);
    /* Files in an order unrelated to the graph's. */
    add(&f, "c", "a", NULL, "2026-01-03", NULL);
    add(&f, "b", "a", NULL, "2026-01-05", NULL);
    add(&f, "a", NULL, NULL, "2026-01-02", NULL);
    add(&f, "z", NULL, NULL, "2026-01-01", NULL);
    add(&f, "d", "b,c", NULL, NULL, NULL);
    add(&f, "e", "c", NULL, "2026-01-03", NULL);   /* same created as c: id breaks it */
    add(&f, "n", "c", NULL, NULL, NULL);           /* no created sorts first among ready */
    build(&f);
    CHECK(f.ok);
    CHECK_STR(order_of(&f), "z a c n e b d");
    CHECK_STR(list(&f, f.graph.heads, f.graph.nheads), "d e n z");
    CHECK_STR(list(&f, f.graph.bases, f.graph.nbases), "a z");
    struct revision *c = graph_find(&f.graph, "c");
    CHECK(c && c->nchildren == 3);
    CHECK_STR(list(&f, c->children, c->nchildren), "d e n");
    struct revision *d = graph_find(&f.graph, "d");
    CHECK_STR(list(&f, d->parents, d->nparents), "b c");
    CHECK(graph_find(&f.graph, "x") == NULL);
    arena_free(&f.arena);
}

static void test_depends_on(void)
{
    struct fixture f;
    fx_init(&f);
    add(&f, "001", NULL, NULL, "2026-01-01", NULL);
    add(&f, "002", "001", NULL, "2026-01-02", NULL);
    add(&f, "010", NULL, NULL, "2026-01-01", NULL);
    add(&f, "011", "010", "002", "2026-01-01", NULL);
    build(&f);
    CHECK(f.ok);
    /* 011 waits for 002 although it was created earlier. */
    CHECK_STR(order_of(&f), "001 010 002 011");
    /* depends on does not stop 002 being a head, as in Alembic. */
    CHECK_STR(list(&f, f.graph.heads, f.graph.nheads), "002 011");
    struct revision *r002 = graph_find(&f.graph, "002"), *r011 = graph_find(&f.graph, "011");
    CHECK(r002->nchildren == 0 && r002->ndependents == 1 && r002->dependents[0] == r011);
    CHECK(r011->ndeps == 1 && r011->deps[0] == r002);
    CHECK(graph_is_ancestor(&f.graph, graph_find(&f.graph, "001"), r011));
    CHECK(!graph_is_ancestor(&f.graph, r011, r002));
    arena_free(&f.arena);
}

static void test_resolve(void)
{
    struct fixture f;
    fx_init(&f);
    add(&f, "abc123", NULL, NULL, NULL, NULL);
    add(&f, "abd456", "abc123", NULL, NULL, NULL);
    add(&f, "abc789", "abd456", NULL, NULL, "feature");
    add(&f, "b1", "abc789", NULL, NULL, NULL);
    add(&f, "ab", "abd456", NULL, NULL, NULL);
    build(&f);
    CHECK(f.ok);
    CHECK_STR(rid(&f, "abd"), "abd456");
    CHECK_STR(rid(&f, "abc789"), "abc789");
    /* An exact id wins over being a prefix of others. */
    CHECK_STR(rid(&f, "ab"), "ab");
    CHECK_STR(miss(&f, "abc", GRAPH_AMBIGUOUS),
              "Multiple revisions start with 'abc': abc123, abc789");
    CHECK_STR(miss(&f, "zz", GRAPH_UNKNOWN), "Can't locate revision identified by 'zz'");
    CHECK_STR(miss(&f, "head", GRAPH_MULTIPLE_HEADS), "Multiple heads detected: ab, b1");
    CHECK_STR(rid(&f, "feature@head"), "b1");
    /* A bare label names the revision that carries it (Alembic's rule). */
    CHECK_STR(rid(&f, "feature"), "abc789");
    CHECK_STR(rid(&f, "abc7@head"), "b1");
    CHECK_STR(miss(&f, "abd456@head", GRAPH_MULTIPLE_HEADS),
              "Multiple heads detected for 'abd456@head': ab, b1");
    CHECK_STR(miss(&f, "nolabel@head", GRAPH_UNKNOWN),
              "Can't locate revision identified by 'nolabel@head'");
    CHECK_STR(miss(&f, "abc@head", GRAPH_AMBIGUOUS),
              "Multiple revisions start with 'abc': abc123, abc789");
    CHECK_STR(miss(&f, "feature@tail", GRAPH_UNKNOWN), "Can't locate revision identified by 'tail'");
    CHECK_STR(miss(&f, "nobranch@abc", GRAPH_NO_BRANCH), "No such branch: 'nobranch'");
    CHECK_STR(miss(&f, "feature@ab", GRAPH_OFF_BRANCH),
              "Revision ab is not a member of branch 'feature'");
    CHECK_STR(graph_find_label(&f.graph, "feature")->id, "abc789");
    CHECK(graph_find_label(&f.graph, "nope") == NULL);
    struct revision **heads;
    CHECK(graph_heads_from(&f.arena, &f.graph, graph_find(&f.graph, "abc123"), &heads) == 2);
    CHECK_STR(list(&f, heads, 2), "ab b1");
    arena_free(&f.arena);

    fx_init(&f);
    add(&f, "001", NULL, NULL, NULL, NULL);
    add(&f, "002", "001", NULL, NULL, NULL);
    build(&f);
    CHECK_STR(rid(&f, "head"), "002");
    arena_free(&f.arena);
}

static void test_ancestors(void)
{
    struct fixture f;
    fx_init(&f);
    /*   001 - 002 - 003 - 006 (merge of 003 and 005)
                  \- 004 - 005                        */
    add(&f, "001", NULL, NULL, NULL, NULL);
    add(&f, "002", "001", NULL, NULL, NULL);
    add(&f, "003", "002", NULL, NULL, NULL);
    add(&f, "004", "002", NULL, NULL, NULL);
    add(&f, "005", "004", NULL, NULL, NULL);
    add(&f, "006", "003,005", NULL, NULL, NULL);
    add(&f, "100", NULL, NULL, NULL, NULL);
    build(&f);
    CHECK(f.ok);
#define R(id) graph_find(&f.graph, id)
    CHECK(graph_is_ancestor(&f.graph, R("001"), R("006")));
    CHECK(graph_is_ancestor(&f.graph, R("004"), R("006")));
    CHECK(graph_is_ancestor(&f.graph, R("003"), R("003")));
    CHECK(!graph_is_ancestor(&f.graph, R("003"), R("005")));
    CHECK(!graph_is_ancestor(&f.graph, R("006"), R("001")));
    CHECK(!graph_is_ancestor(&f.graph, R("100"), R("006")));
    CHECK(graph_common_ancestor(&f.arena, &f.graph, R("003"), R("005")) == R("002"));
    CHECK(graph_common_ancestor(&f.arena, &f.graph, R("006"), R("005")) == R("005"));
    CHECK(graph_common_ancestor(&f.arena, &f.graph, R("001"), R("100")) == NULL);
    CHECK(R("002")->nchildren == 2 && R("006")->nparents == 2);
#undef R
    arena_free(&f.arena);
}

static void test_missing_headers(void)
{
    struct fixture f;
    fx_init(&f);
    add(&f, "001", NULL, NULL, NULL, NULL);
    add(&f, NULL, "001", NULL, NULL, NULL);
    add(&f, "002", "-", NULL, NULL, NULL);
    struct migration *m = add(&f, "003", "001", NULL, NULL, NULL);
    m->message = NULL;
    add(&f, "004", "003", NULL, NULL, NULL);   /* left out with its parent, silently */
    build(&f);
    CHECK(!f.ok);
    CHECK(f.diag.errors == 3);
    CHECK_STR(order_of(&f), "001");
    char *t = diag_text(&f);
    expect_diag(&f, t, "noid.mig:1:1: error: missing \"revision\" in the migration header");
    expect_diag(&f, t, "002.mig:3:10: error: missing \"revises\" in the header of revision \"002\"");
    expect_diag(&f, t, "003.mig:4:10: error: missing \"message\" in the header of revision \"003\"");
    arena_free(&f.arena);
}

static void test_reference_errors(void)
{
    struct fixture f;
    fx_init(&f);
    add(&f, "0001", NULL, NULL, NULL, NULL);
    add(&f, "0002", "0001", NULL, NULL, NULL);
    add(&f, "0003", "0009", NULL, NULL, NULL);          /* typo: 0002? nearest */
    add(&f, "0004", "0002", "00x1", NULL, NULL);
    add(&f, "0005", "0005", NULL, NULL, NULL);
    add(&f, "0006", "0002,0002", NULL, NULL, NULL);
    add(&f, "0001", "0002", NULL, NULL, NULL);          /* duplicate id */
    add(&f, "0007", "000", NULL, NULL, NULL);           /* prefix of existing ids */
    add(&f, "zzzzzzzz", "qqqqqqqq", NULL, NULL, NULL);  /* nothing close */
    build(&f);
    CHECK(!f.ok);
    CHECK_STR(order_of(&f), "0001 0002");
    char *t = diag_text(&f);
    expect_diag(&f, t, "0003.mig:3:20: error: revision \"0009\" named in \"revises\" does not exist\n");
    expect_diag(&f, t, "hint: Did you mean \"0001\"?");
    expect_diag(&f, t, "0004.mig:4:40: error: revision \"00x1\" named in \"depends on\" does not exist\n");
    expect_diag(&f, t, "0005.mig:5:20: error: revision \"0005\" names itself in \"revises\"");
    expect_diag(&f, t, "0006.mig:6:25: error: revision \"0002\" is named twice in \"revises\"");
    expect_diag(&f, t, "0001.mig:7:10: error: duplicate revision id \"0001\"\n"
                       "detail: Revision \"0001\" is already defined in 0001.mig at line 1.");
    expect_diag(&f, t, "0007.mig:8:20: error: revision \"000\" named in \"revises\" does not exist\n"
                       "hint: Did you mean \"0001\"?");
    expect_diag(&f, t, "revision \"qqqqqqqq\" named in \"revises\" does not exist\n");
    CHECK(strstr(t, "\"qqqqqqqq\" named in \"revises\" does not exist\nhint") == NULL);
    arena_free(&f.arena);
}

static void test_labels(void)
{
    struct fixture f;
    fx_init(&f);
    add(&f, "001", NULL, NULL, NULL, "main");
    add(&f, "002", "001", NULL, NULL, "feature");
    add(&f, "003", "001", NULL, NULL, "feature");
    add(&f, "004", "001", NULL, NULL, "head");
    build(&f);
    CHECK(!f.ok);
    CHECK_STR(order_of(&f), "001 002");
    char *t = diag_text(&f);
    expect_diag(&f, t, "003.mig:3:60: error: branch label \"feature\" is already used by revision \"002\"\n"
                       "detail: Revision \"002\" in 002.mig carries it at line 2.");
    expect_diag(&f, t, "004.mig:4:60: error: branch label \"head\" is reserved");
    arena_free(&f.arena);
}

static void test_cycles(void)
{
    struct fixture f;
    fx_init(&f);
    add(&f, "001", NULL, NULL, NULL, NULL);
    add(&f, "002", "001,004", NULL, NULL, NULL);
    add(&f, "003", "002", NULL, NULL, NULL);
    add(&f, "004", "003", NULL, NULL, NULL);
    add(&f, "005", "003", NULL, NULL, NULL);   /* downstream of the cycle */
    add(&f, "010", NULL, "011", NULL, NULL);   /* a cycle through depends on */
    add(&f, "011", "010", NULL, NULL, NULL);
    build(&f);
    CHECK(!f.ok);
    CHECK(f.diag.errors == 2);
    CHECK_STR(order_of(&f), "001");
    char *t = diag_text(&f);
    expect_diag(&f, t, "002.mig:2:24: error: cycle in the revision graph: 002 -> 003 -> 004 -> 002");
    expect_diag(&f, t, "010.mig:6:40: error: cycle in the revision graph: 010 -> 011 -> 010");
    arena_free(&f.arena);
}

static void test_empty(void)
{
    struct fixture f;
    fx_init(&f);
    build(&f);
    CHECK(f.ok && f.graph.nrevs == 0 && f.graph.nheads == 0);
    CHECK_STR(miss(&f, "head", GRAPH_UNKNOWN),
              "Can't locate revision identified by 'head': there are no revisions");
    CHECK_STR(miss(&f, "x", GRAPH_UNKNOWN), "Can't locate revision identified by 'x'");
    arena_free(&f.arena);
}

/* 10,000 revisions: a chain plus a side branch every 100, merged back.
   Everything stays O(n log n) / O(n) per query, well under a second. */
static void test_large(void)
{
    enum { N = 10000 };
    struct fixture f;
    fx_init(&f);
    clock_t t0 = clock();
    char id[32], prev[32] = "", side[32];
    for (int i = 0; i < N; i++) {
        snprintf(id, sizeof id, "r%05d", i);
        if (i == 0) {
            add(&f, arena_strdup(&f.arena, id), NULL, NULL, NULL, NULL);
        } else if (i % 100 == 50) {
            snprintf(side, sizeof side, "s%05d", i);
            add(&f, arena_strdup(&f.arena, side), arena_strdup(&f.arena, prev), NULL, NULL, NULL);
            add(&f, arena_strdup(&f.arena, id), arena_strdup(&f.arena, prev), NULL, NULL, NULL);
        } else if (i % 100 == 51) {
            add(&f, arena_strdup(&f.arena, id), arena_printf(&f.arena, "%s,%s", prev, side),
                NULL, NULL, NULL);
        } else {
            add(&f, arena_strdup(&f.arena, id), arena_strdup(&f.arena, prev), NULL, NULL, NULL);
        }
        memcpy(prev, id, sizeof id);
    }
    build(&f);
    CHECK(f.ok);
    CHECK(f.graph.nrevs == N + N / 100);
    CHECK(f.graph.nheads == 1 && strcmp(f.graph.heads[0]->id, "r09999") == 0);
    const struct revision *first = graph_find(&f.graph, "r00000");
    for (int i = 0; i < f.graph.nrevs; i++) {
        const struct revision *r = f.graph.revs[i];
        if (r->nparents > 1) {
            CHECK(graph_is_ancestor(&f.graph, first, r));
            const struct revision *ca =
                graph_common_ancestor(&f.arena, &f.graph, r->parents[0], r->parents[1]);
            CHECK(ca && ca->nchildren == 2);
        }
        for (int j = 0; j < r->nparents; j++)
            CHECK(r->parents[j]->topo < r->topo);
    }
    CHECK_STR(rid(&f, "s0995"), "s09950");
    CHECK(strncmp(miss(&f, "r0999", GRAPH_AMBIGUOUS),
                  "Multiple revisions start with 'r0999': r09990, r09991, ", 54) == 0);
    CHECK_STR(rid(&f, "head"), "r09999");
    double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
    if (secs > 5) {
        fprintf(stderr, "test_graph.c: 10,000 revisions took %.1f s\n", secs);
        exit(1);
    }
    arena_free(&f.arena);
}

int main(void)
{
    test_order_and_ties();
    test_depends_on();
    test_resolve();
    test_ancestors();
    test_missing_headers();
    test_reference_errors();
    test_labels();
    test_cycles();
    test_empty();
    test_large();
    puts("test_graph: ok");
    return 0;
}
