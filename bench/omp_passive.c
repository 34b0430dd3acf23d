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
   variable and executes the program again (Linux, glibc: /proc/self/exe and the
   constructor's argv); the new process sees it from the start. Should that fail, the
   program simply runs with the default policy. The library itself never reads or
   changes the environment. */
#include <stdlib.h>
#include <unistd.h>

#if defined(_OPENMP) && defined(__linux__) && defined(__GLIBC__) && defined(__GNUC__)
__attribute__((constructor)) static void omp_passive(int argc, char **argv, char **envp)
{
    (void)argc;
    (void)envp;
    if (!argv || !argv[0] || getenv("OMP_WAIT_POLICY") || getenv("GOMP_SPINCOUNT")) return;
    if (setenv("OMP_WAIT_POLICY", "passive", 1) != 0) return;
    execv("/proc/self/exe", argv);
    unsetenv("OMP_WAIT_POLICY"); /* exec failed: run as we are, the default policy */
}
#else
typedef int omp_passive_unused; /* an empty translation unit is not ISO C */
#endif
