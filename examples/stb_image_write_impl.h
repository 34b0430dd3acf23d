/* stb_image_write_impl.h - the examples write PNG through the vendored stb_image_write.h
   (public domain, third_party/). Included before dam.h's implementation, it turns on
   PNG output in dam_grid_write. */
#ifndef DAM_EXAMPLES_STBIW_IMPL
#define DAM_EXAMPLES_STBIW_IMPL
#if defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-function"
#pragma GCC diagnostic ignored "-Wsign-compare"
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
#endif
#define STB_IMAGE_WRITE_IMPLEMENTATION
#define STB_IMAGE_WRITE_STATIC
#include "stb_image_write.h"
#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif
#endif
