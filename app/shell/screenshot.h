/* app/shell/screenshot.h - PNG screenshots of a renderer's output. */
#ifndef NNLAB_SCREENSHOT_H
#define NNLAB_SCREENSHOT_H

#include <SDL.h>
#include <stddef.h>

/* Read back the current render target and write it as PNG to `path`
 * (atomically: temporary file, then rename). 0 on success; -1 with `err` filled. */
int shell_screenshot(SDL_Renderer *r, const char *path, char *err, size_t err_len);

#endif
