/* The revision graph as Mermaid or DOT. Node names are r0, r1, ... (the
   position in the description), never a revision id, so that no text
   from a .mig file appears outside a quoted label; inside one, every
   character that either syntax gives a meaning is escaped. */
#include <string.h>

#include "graphpic.h"

int graphpic_format_parse(const char *name, enum graphpic_format *f)
{
    if (strcmp(name, "mermaid") == 0)
        *f = GRAPHPIC_MERMAID;
    else if (strcmp(name, "dot") == 0)
        *f = GRAPHPIC_DOT;
    else
        return -1;
    return 0;
}

/* The length of the well-formed UTF-8 sequence at p (2 to 4 bytes), or 0
   when p does not start one: such bytes are drawn as U+FFFD, so that
   neither Graphviz nor a browser has to guess an encoding. */
static int utf8_len(const unsigned char *p)
{
    int n = p[0] >= 0xc2 && p[0] <= 0xdf ? 2 : p[0] >= 0xe0 && p[0] <= 0xef ? 3
                                           : p[0] >= 0xf0 && p[0] <= 0xf4 ? 4
                                                                          : 0;
    for (int i = 1; i < n; i++)
        if ((p[i] & 0xc0) != 0x80)
            return 0;
    /* Overlong forms, surrogates and code points past U+10FFFF. */
    if ((p[0] == 0xe0 && p[1] < 0xa0) || (p[0] == 0xed && p[1] >= 0xa0) ||
        (p[0] == 0xf0 && p[1] < 0x90) || (p[0] == 0xf4 && p[1] >= 0x90))
        return 0;
    return n;
}

/* Mermaid reads "#NN;" in a label as the character with that decimal
   code, so everything but letters, digits and plain punctuation is
   written that way: quotes, brackets, '#', '<', '&', backticks and
   semicolons then cannot end the label, open a markdown string or become
   HTML. */
static void mermaid_char(FILE *out, unsigned char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
        strchr(" _.,:/-+@=?!'", c))
        fputc(c, out);
    else
        fprintf(out, "#%d;", c);
}

/* In a DOT quoted string '"' and the backslash (which starts the label
   escapes \n, \l, \N, ...) mean something, and Graphviz reads "&...;"
   in a label as a character entity, so '&' is written as one too. */
static void dot_char(FILE *out, unsigned char c)
{
    if (c == '"' || c == '\\')
        fprintf(out, "\\%c", c);
    else if (c == '&')
        fputs("&amp;", out);
    else
        fputc(c, out);
}

/* s as label text of format f: well-formed UTF-8 passes (text to both),
   other high bytes become U+FFFD, a line break the format's own, other
   control characters a space, and printable ASCII goes through the
   format's rule above. */
static void put_text(FILE *out, const char *s, enum graphpic_format f)
{
    bool dot = f == GRAPHPIC_DOT;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        int n = *p >= 0x80 ? utf8_len(p) : 0;
        if (n) {
            fwrite(p, 1, (size_t)n, out);
            p += n - 1;
        } else if (*p >= 0x80) {
            fputs(dot ? "&#65533;" : "#65533;", out);
        } else if (*p == '\n') {
            fputs(dot ? "\\n" : "<br/>", out);
        } else if (*p < 0x20 || *p == 0x7f) {
            fputc(' ', out);
        } else if (dot) {
            dot_char(out, *p);
        } else {
            mermaid_char(out, *p);
        }
    }
}

/* The label: the id with the marks `migc history` prints after it, then
   the message on the next line. */
static void label(FILE *out, const struct graphpic_node *n, enum graphpic_format f)
{
    put_text(out, n->id, f);
    for (int i = 0; i < n->nlabels; i++) {
        fputs(" (", out);
        put_text(out, n->labels[i], f);
        fputc(')', out);
    }
    if (n->head)
        fputs(" (head)", out);
    if (n->state == GRAPHPIC_CURRENT)
        fputs(" (current)", out);
    if (n->message && *n->message) {
        fputs(f == GRAPHPIC_DOT ? "\\n" : "<br/>", out);
        put_text(out, n->message, f);
    }
}

static bool edge_ok(const struct graphpic *g, const struct graphpic_edge *e)
{
    return e->from >= 0 && e->from < g->nnodes && e->to >= 0 && e->to < g->nnodes;
}

static const char *const mermaid_classes[][2] = {
    {"head", "stroke-width:3px"},
    {"applied", "fill:#d4edda,stroke:#2e7d32"},
    {"current", "fill:#8fd19e,stroke:#1b5e20,stroke-width:3px"},
};

static bool in_class(const struct graphpic_node *n, int c)
{
    return c == 0 ? n->head
           : c == 1 ? n->state == GRAPHPIC_APPLIED
                    : n->state == GRAPHPIC_CURRENT;
}

static void write_mermaid(FILE *out, const struct graphpic *g)
{
    /* Bottom to top: the base at the bottom, heads on top, as history
       lists newest first. */
    fputs("flowchart BT\n", out);
    for (int i = 0; i < g->nnodes; i++) {
        fprintf(out, "    r%d[\"", i);
        label(out, &g->nodes[i], GRAPHPIC_MERMAID);
        fputs("\"]\n", out);
    }
    for (int i = 0; i < g->nedges; i++) {
        const struct graphpic_edge *e = &g->edges[i];
        if (edge_ok(g, e))
            fprintf(out, "    r%d %s r%d\n", e->from, e->depends ? "-. depends on .->" : "-->",
                    e->to);
    }
    for (int c = 0; c < (int)(sizeof mermaid_classes / sizeof mermaid_classes[0]); c++) {
        bool any = false;
        for (int i = 0; i < g->nnodes; i++)
            if (in_class(&g->nodes[i], c)) {
                if (!any)
                    fprintf(out, "    classDef %s %s\n    class ", mermaid_classes[c][0],
                            mermaid_classes[c][1]);
                fprintf(out, "%sr%d", any ? "," : "", i);
                any = true;
            }
        if (any)
            fprintf(out, " %s\n", mermaid_classes[c][0]);
    }
}

static void write_dot(FILE *out, const struct graphpic *g)
{
    fputs("digraph revisions {\n"
          "    rankdir=BT;\n"
          "    node [shape=box, style=rounded, fontname=\"Helvetica\"];\n"
          "    edge [fontname=\"Helvetica\", fontsize=10];\n",
          out);
    for (int i = 0; i < g->nnodes; i++) {
        const struct graphpic_node *n = &g->nodes[i];
        fprintf(out, "    r%d [label=\"", i);
        label(out, n, GRAPHPIC_DOT);
        fputc('"', out);
        if (n->head)
            fputs(", peripheries=2", out);
        if (n->state == GRAPHPIC_APPLIED)
            fputs(", style=\"rounded,filled\", fillcolor=\"#d4edda\"", out);
        else if (n->state == GRAPHPIC_CURRENT)
            fputs(", style=\"rounded,filled,bold\", fillcolor=\"#8fd19e\"", out);
        fputs("];\n", out);
    }
    for (int i = 0; i < g->nedges; i++) {
        const struct graphpic_edge *e = &g->edges[i];
        if (edge_ok(g, e))
            fprintf(out, "    r%d -> r%d%s;\n", e->from, e->to,
                    e->depends ? " [style=dashed, label=\"depends on\"]" : "");
    }
    fputs("}\n", out);
}

void graphpic_write(FILE *out, const struct graphpic *g, enum graphpic_format f)
{
    if (f == GRAPHPIC_DOT)
        write_dot(out, g);
    else
        write_mermaid(out, g);
}
