/* test_stb.h - the vendored stb_image (read) and stb_image_write (PNG) for the tests.
   test_main.c includes it twice: first before dam.h's implementation, for the
   declarations (so dam_images_load_folder and dam_image_load are compiled in; tests/
   test_scenario.c writes a folder of PNGs and loads it), then with TEST_STB_BODIES
   defined at its end, for the implementations (kept after the tests: before them, the
   third-party code changed gcc's inlining of dam.h into a false "may be used
   uninitialized" warning). */
#if defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-function"
#pragma GCC diagnostic ignored "-Wsign-compare"
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
#pragma GCC diagnostic ignored "-Wunused-parameter"
#pragma GCC diagnostic ignored "-Wimplicit-fallthrough"
#endif
#ifdef TEST_STB_BODIES
#define STB_IMAGE_WRITE_IMPLEMENTATION
#define STB_IMAGE_IMPLEMENTATION
#endif
#define STB_IMAGE_WRITE_STATIC
#include "../third_party/stb_image_write.h"
#include "../third_party/stb_image.h"
#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif
