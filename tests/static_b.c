/* see static_a.c */
#define DAM_STATIC
#define DAM_IMPLEMENTATION
#include "../dam.h"
int static_b_value(void)
{
    dam_rng r;
    dam_rng_seed(&r, 1);
    return (int)(dam_rng_next(&r) & 0xff);
}
