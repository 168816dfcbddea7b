/* app/shell/screenshot.c - save what the renderer shows as a PNG. */
#include <stb_image_write.h>

#include "shell/screenshot.h"

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
        /* Write beside the target, then rename: an existing file is never half-overwritten. */
        char tmp[4096];
        snprintf(tmp, sizeof tmp, "%s.tmp", path);
        if (!stbi_write_png(tmp, w, h, 4, s->pixels, s->pitch) || rename(tmp, path) != 0) {
            snprintf(err, err_len, "screenshot: cannot write '%s'", path);
            remove(tmp);
        } else {
            rc = 0;
        }
    }
    SDL_FreeSurface(s);
    return rc;
}
