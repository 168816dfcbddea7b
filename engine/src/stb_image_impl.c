/* stb_image_impl.c - the PNG and BMP decoders of stb_image, compiled from the
 * system's header (Debian libstb-dev) with only those decoders; used by
 * image_load.c (the only file that calls stbi_*). PSD, HDR, GIF, TGA, PNM and
 * PIC are not in the program at all; JPEG goes through libjpeg-turbo.
 *
 * A file of its own so that the sanitizer build can leave out one check for
 * third-party code only (engine/CMakeLists.txt): for a PNG whose first IDAT
 * chunk is empty (tests/data/png_empty_idat.png, found by tests/fuzz),
 * stb_image computes NULL + 0 and calls memcpy(NULL, p, 0), which UBSan's
 * pointer-overflow and nonnull-attribute checks report although nothing is
 * read or written. Everything else in stb stays checked.
 *
 * Every allocation is zero-filled, so no pixel the file did not supply
 * reaches nn_image_prepare uninitialised.
 */
#include <stdlib.h>

#define STB_IMAGE_IMPLEMENTATION
#define STBI_ONLY_PNG
#define STBI_ONLY_BMP
#define STBI_NO_STDIO
#define STBI_NO_LINEAR
#define STBI_NO_HDR
#define STBI_MALLOC(n)     calloc(1, (n))
#define STBI_REALLOC(p, n) realloc((p), (n))
#define STBI_FREE(p)       free(p)
#if defined(__GNUC__)
/* For the whole file: stb declares functions it does not define for the
 * formats left out, which the compiler reports at the end. */
#pragma GCC diagnostic ignored "-Wunused-function"
#pragma GCC diagnostic ignored "-Wshadow"
#pragma GCC diagnostic ignored "-Wmissing-prototypes"
#pragma GCC diagnostic ignored "-Wstrict-prototypes"
#pragma GCC diagnostic ignored "-Wsign-compare"
#pragma GCC diagnostic ignored "-Wunused-parameter"
#pragma GCC diagnostic ignored "-Wimplicit-fallthrough"
#endif
#include <stb_image.h>
