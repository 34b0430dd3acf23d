/* static_a.c, static_b.c - two translation units each with a private (DAM_STATIC)
   copy of the implementation link into one program without clashing symbols. */
#define DAM_STATIC
#define DAM_IMPLEMENTATION
#include "../dam.h"
#include <stdio.h>
int static_b_value(void);
int main(void)
{
    dam_rng r;
    dam_rng_seed(&r, 1);
    printf("static build: a %d, b %d\n", (int)(dam_rng_next(&r) & 0xff), static_b_value());
    return static_b_value() == (int)(0xb3f2af6d0fc710c5ULL & 0xff) ? 0 : 1;
}
