/* How this migrator was built, for --help and --version: linked statically
   or dynamically, for which target, with which SQLite inside.

   The runtime is compiled in two variants from the same sources: the
   dynamic one (libmigc_runtime.a) and, with MIGC_STATIC_LINK defined, the
   one a fully static migrator links (libmigc_runtime_static.a; migc build
   --static). MIGC_TARGET names the target triple the runtime was compiled
   for (the build sets it; the fallback below covers a hand-made build). */
#include <stdio.h>
#include <sqlite3.h>

#include "migrator.h"

#ifndef MIGC_TARGET
#if defined(__x86_64__)
#define MIGC_TARGET "x86_64-linux-gnu"
#elif defined(__aarch64__)
#define MIGC_TARGET "aarch64-linux-gnu"
#else
#define MIGC_TARGET "an unrecognized target"
#endif
#endif

void build_info_describe(char *buf, size_t n)
{
#ifdef MIGC_STATIC_LINK
    const char *how = "statically linked";
    const char *pg = "SQLite only: PostgreSQL needs the dynamically linked build";
#else
    const char *how = "dynamically linked";
    const char *pg = "PostgreSQL through libpq.so.5 when installed";
#endif
    snprintf(buf, n, "%s for %s, SQLite %s inside; %s", how, MIGC_TARGET, sqlite3_libversion(), pg);
}

#ifdef MIGC_STATIC_LINK
/* SQLite's unix layer refers to dlopen, dlsym, dlclose and dlerror for
   loadable extensions, which a migrator never loads. In a static
   executable glibc's dlopen would need at run time the very shared C
   library the executable is meant to do without (the linker warns so). A
   static migrator is linked with -Wl,--wrap=dlopen (and the three others),
   which sends SQLite's references to these definitions: they always fail,
   and nothing in the migrator can reach glibc's. This file is linked into
   every migrator (migc_main calls build_info_describe), so they are
   defined before the SQLite archive is searched. */
void *__wrap_dlopen(const char *file, int mode);
void *__wrap_dlsym(void *handle, const char *name);
int __wrap_dlclose(void *handle);
char *__wrap_dlerror(void);

void *__wrap_dlopen(const char *file, int mode)
{
    (void)file;
    (void)mode;
    return NULL;
}

void *__wrap_dlsym(void *handle, const char *name)
{
    (void)handle;
    (void)name;
    return NULL;
}

int __wrap_dlclose(void *handle)
{
    (void)handle;
    return 0;
}

char *__wrap_dlerror(void)
{
    return "dynamic loading is not available in a statically linked migrator";
}
#endif
