/* omp_passive.c - linked by the Makefile into the programs it builds (the examples and
   the bench, not the library): they run with OMP_WAIT_POLICY=passive unless the caller
   chose a policy (OMP_WAIT_POLICY or GOMP_SPINCOUNT set, even to the default).

   Why: by default an OpenMP thread that has finished its share spins on its core for a
   while before it sleeps. On an idle machine that costs nothing; beside another busy
   process it takes the core from the threads still working, and an epoch at 2 threads
   on 2 cores took 3x as long as at 1 thread (`make bench`, "under load"). Passive
   threads sleep at once: a wake-up costs microseconds, about 90 per epoch.

   How: gcc's OpenMP runtime reads the environment once, when it is loaded, before
   main - a setenv() in main comes too late. So before main this constructor sets the
   variable and executes the program again (Linux, glibc: the constructor's argv, checked
   against /proc/self/exe); the new process sees it from the start. Should that fail, the
   program simply runs with the default policy. The library itself never reads or
   changes the environment.

   When not: /proc/self/exe must be the program that argv[0] names. It is not when the
   program runs under a loader or tool (`valgrind prog`, `ld.so prog`): there it is the
   tool, and executing it with the program's argv would run something else. So the
   re-execution happens only when argv[0] is a path (holds a '/') to the very file
   /proc/self/exe is (same device and inode) and valgrind is not the launcher; in every
   other case the program runs as it is, with the default policy. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#if defined(_OPENMP) && defined(__linux__) && defined(__GLIBC__) && defined(__GNUC__)
__attribute__((constructor)) static void omp_passive(int argc, char **argv, char **envp)
{
    (void)argc;
    (void)envp;
    struct stat self, named;
    if (!argv || !argv[0] || getenv("OMP_WAIT_POLICY") || getenv("GOMP_SPINCOUNT")) return;
    if (getenv("VALGRIND_LAUNCHER") || !strchr(argv[0], '/')) return;
    if (stat("/proc/self/exe", &self) != 0 || stat(argv[0], &named) != 0) return;
    if (self.st_dev != named.st_dev || self.st_ino != named.st_ino) return;
    if (setenv("OMP_WAIT_POLICY", "passive", 1) != 0) return;
    execv(argv[0], argv); /* the same file, checked above; ps still shows its name */
    unsetenv("OMP_WAIT_POLICY"); /* exec failed: run as we are, the default policy */
}
#else
typedef int omp_passive_unused; /* an empty translation unit is not ISO C */
#endif
