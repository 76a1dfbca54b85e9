#define _POSIX_C_SOURCE 200809L
#define _DEFAULT_SOURCE

#include "project.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "parse.h"

/* The directories on the way down, so a symbolic link back up is not
   followed forever. */
struct dir_id {
    dev_t dev;
    ino_t ino;
    const struct dir_id *up;
};

static int cmp_paths(const void *pa, const void *pb)
{
    return strcmp(*(const char *const *)pa, *(const char *const *)pb);
}

static bool has_mig_suffix(const char *name)
{
    size_t len = strlen(name);
    return len > 4 && strcmp(name + len - 4, ".mig") == 0;
}

static const char *join(struct arena *a, const char *dir, const char *rel)
{
    if (!*rel)
        return dir;
    size_t len = strlen(dir);
    if (len && dir[len - 1] == '/')
        return arena_printf(a, "%s%s", dir, rel);
    return arena_printf(a, "%s/%s", dir, rel);
}

/* Collects the relative paths (const char *) of the *.mig files under
   dir/rel into out. A subdirectory that cannot be read is reported and
   skipped. */
static void collect(struct project *p, const char *rel, const struct dir_id *up,
                    struct vec *out)
{
    const char *path = join(p->arena, p->dir, rel);
    DIR *dh = opendir(path);
    if (!dh) {
        diag_error(p->diag, (struct loc){0}, "could not open directory \"%s\": %s", path,
                   strerror(errno));
        return;
    }
    struct dirent *de;
    while ((de = readdir(dh)) != NULL) {
        const char *name = de->d_name;
        /* As the glob *.mig would, skip hidden names: editors' lock and
           backup files (.#001.mig) and version-control directories. */
        if (name[0] == '.')
            continue;
        const char *child_rel = *rel ? arena_printf(p->arena, "%s/%s", rel, name)
                                     : arena_strdup(p->arena, name);
        const char *child = join(p->arena, p->dir, child_rel);
        struct stat st;
        if (stat(child, &st) != 0) {
            /* A dangling link that looks like a migration is worth a word;
               anything else that vanished is not ours. */
            if (has_mig_suffix(name))
                diag_error(p->diag, (struct loc){0}, "could not read migration file \"%s\": %s",
                           child, strerror(errno));
            continue;
        }
        if (S_ISDIR(st.st_mode)) {
            bool loop = false;
            for (const struct dir_id *d = up; d; d = d->up)
                if (d->dev == st.st_dev && d->ino == st.st_ino)
                    loop = true;
            if (loop)
                continue;
            struct dir_id here = {st.st_dev, st.st_ino, up};
            collect(p, child_rel, &here, out);
        } else if (S_ISREG(st.st_mode) && has_mig_suffix(name)) {
            vec_push(p->arena, out, (void *)child_rel);
        }
    }
    closedir(dh);
}

char *project_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    struct strbuf b = {0};
    char buf[8192];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        strbuf_putn(&b, buf, n);
    if (ferror(f)) {
        int e = errno ? errno : EIO;
        strbuf_free(&b);
        fclose(f);
        errno = e;
        return NULL;
    }
    fclose(f);
    *len = b.len;
    if (!b.s)
        strbuf_putn(&b, "", 0);
    return b.s;
}

bool project_load(struct project *p, struct arena *a, struct diag *d, const char *dir)
{
    memset(p, 0, sizeof *p);
    p->arena = a;
    p->diag = d;
    p->dir = arena_strdup(a, dir);

    struct stat st;
    int err = 0;
    if (stat(dir, &st) != 0)
        err = errno;
    else if (!S_ISDIR(st.st_mode))
        err = ENOTDIR;
    else {
        DIR *dh = opendir(dir);
        if (dh)
            closedir(dh);
        else
            err = errno;
    }
    if (err) {
        diag_error(d, (struct loc){0}, "could not open migrations directory \"%s\": %s", dir,
                   strerror(err));
        diag_hint(d, "Give the migrations directory as an argument, or run migc where "
                     "\"migrations\" is.");
        graph_build(a, d, &p->migrations, &p->graph);
        return false;
    }
    struct dir_id top = {st.st_dev, st.st_ino, NULL};
    struct vec rels = {0};
    collect(p, "", &top, &rels);
    if (rels.n > 1)
        qsort(rels.items, (size_t)rels.n, sizeof *rels.items, cmp_paths);

    for (int i = 0; i < rels.n; i++) {
        const char *file = join(a, p->dir, VEC_AT(rels, i, const char *));
        size_t len = 0;
        char *text = project_read_file(file, &len);
        if (!text) {
            diag_error(d, (struct loc){0}, "could not read migration file \"%s\": %s", file,
                       strerror(errno));
            continue;
        }
        struct migration *m = parse_migration(a, d, file, text, len);
        free(text);
        vec_push(a, &p->migrations, m);
    }
    graph_build(a, d, &p->migrations, &p->graph);
    return true;
}
