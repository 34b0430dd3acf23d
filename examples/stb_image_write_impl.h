/* stb_image_write_impl.h - the examples read images through the vendored stb_image.h
   and write PNG through stb_image_write.h (both public domain, third_party/). Included
   before dam.h's implementation, it turns on dam_image_load, dam_images_load_folder
   (sequence --dataset DIR) and PNG output in dam_grid_write. */
#ifndef DAM_EXAMPLES_STBIW_IMPL
#define DAM_EXAMPLES_STBIW_IMPL
#if defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-function"
#pragma GCC diagnostic ignored "-Wsign-compare"
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
#pragma GCC diagnostic ignored "-Wunused-parameter"
#pragma GCC diagnostic ignored "-Wimplicit-fallthrough"
#endif
#define STB_IMAGE_WRITE_IMPLEMENTATION
#define STB_IMAGE_WRITE_STATIC
#include "stb_image_write.h"
/* stb_image's functions are external (its static build declares a function it never
   defines): emitted only where dam.h's implementation is, so a program that links our
   build's dam.o (compiled with -DDAM_IMPLEMENTATION_DONE) does not define them twice. */
#ifndef DAM_IMPLEMENTATION_DONE
#define STB_IMAGE_IMPLEMENTATION
#include "stb_image.h"
#endif
#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif
#endif
