// test_cpp.cpp - dam.h compiles as C++ (header and implementation) and links.
#define DAM_IMPLEMENTATION
#include "../dam.h"
#include <cstdio>
int main()
{
    dam_rng r;
    dam_rng_seed(&r, 1);
    dam_dense net;
    dam_dense_desc d = dam_dense_defaults(20, 4, 3);
    d.mask_start = 18;
    d.mask_count = 2;
    if (dam_dense_init(&net, &d, &r, NULL) != DAM_OK) return 1;
    std::printf("c++ build: %s, K = %d\n", dam_version(), net.K);
    dam_dense_free(&net);
    return 0;
}
