/* app/shell/screenshot.c - save what the renderer shows as a PNG. */
#include <stb_image_write.h>

#include "nn/file.h"
#include "nn/status.h"
#include "shell/screenshot.h"

static void to_file(void *f, void *data, int size)
{
    fwrite(data, 1, (size_t)size, f);
}

int shell_screenshot(SDL_Renderer *r, const char *path, char *err, size_t err_len)
{
    int w, h;
    if (SDL_GetRendererOutputSize(r, &w, &h) != 0) {
        snprintf(err, err_len, "screenshot: %s", SDL_GetError());
        return -1;
    }
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_RGBA32);
    if (!s) {
        snprintf(err, err_len, "screenshot: %s", SDL_GetError());
        return -1;
    }
    int rc = -1;
    if (SDL_RenderReadPixels(r, NULL, SDL_PIXELFORMAT_RGBA32, s->pixels, s->pitch) != 0) {
        snprintf(err, err_len, "screenshot: %s", SDL_GetError());
    } else {
        /* Write beside the target, then rename: an existing file is never
         * half-overwritten, and a device or FIFO at path is never replaced. */
        nn_file_out o;
        if (nn_file_out_open(&o, path) != NN_OK) {
            snprintf(err, err_len, "screenshot: %s", nn_last_error());
        } else if (!stbi_write_png_to_func(to_file, o.f, w, h, 4, s->pixels, s->pitch)) {
            nn_file_out_abort(&o);
            snprintf(err, err_len, "screenshot: cannot encode the PNG for '%s'", path);
        } else if (nn_file_out_commit(&o) != NN_OK) {
            snprintf(err, err_len, "screenshot: %s", nn_last_error());
        } else {
            rc = 0;
        }
    }
    SDL_FreeSurface(s);
    return rc;
}
