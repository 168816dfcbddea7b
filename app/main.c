/* app/main.c - nnlab, the desktop program: window, frame loop, shutdown.
 *
 * For now the window shows the program's name and version and closes on Esc
 * or the close button. --screenshot FILE renders one frame, saves it, exits.
 */
#include <SDL.h>
#include <SDL_ttf.h>
#include <stdio.h>
#include <string.h>

#include "shell/screenshot.h"

static const char *const FONT_PATHS[] = {
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans.ttf",
};

static TTF_Font *open_font(int size)
{
    const char *env = SDL_getenv("NNLAB_FONT");
    if (env) return TTF_OpenFont(env, size);
    for (size_t i = 0; i < sizeof FONT_PATHS / sizeof FONT_PATHS[0]; i++) {
        TTF_Font *f = TTF_OpenFont(FONT_PATHS[i], size);
        if (f) return f;
    }
    return NULL;
}

static void draw_text(SDL_Renderer *r, TTF_Font *f, const char *s, int cx, int cy, SDL_Color c)
{
    SDL_Surface *surf = TTF_RenderUTF8_Blended(f, s, c);
    if (!surf) return;
    SDL_Texture *tex = SDL_CreateTextureFromSurface(r, surf);
    SDL_Rect dst = { cx - surf->w / 2, cy - surf->h / 2, surf->w, surf->h };
    if (tex) SDL_RenderCopy(r, tex, NULL, &dst);
    SDL_DestroyTexture(tex);
    SDL_FreeSurface(surf);
}

int main(int argc, char **argv)
{
    const char *shot = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--screenshot") == 0 && i + 1 < argc) shot = argv[++i];
        else if (strcmp(argv[i], "--version") == 0) { printf("nnlab %s\n", NNLAB_VERSION); return 0; }
        else if (strcmp(argv[i], "--help") == 0) {
            printf("usage: nnlab [--screenshot FILE] [--version] [--help]\n");
            return 0;
        } else {
            fprintf(stderr, "nnlab: unknown option '%s' (see --help)\n", argv[i]);
            return 2;
        }
    }
    if (SDL_Init(SDL_INIT_VIDEO) != 0 || TTF_Init() != 0) {
        fprintf(stderr, "nnlab: cannot start SDL: %s\n", SDL_GetError());
        return 1;
    }
    int rc = 1;
    SDL_Window *win = SDL_CreateWindow("nnlab", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED,
                                       1280, 720, SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI);
    SDL_Renderer *ren = win ? SDL_CreateRenderer(win, -1, SDL_RENDERER_PRESENTVSYNC) : NULL;
    if (!ren && win) ren = SDL_CreateRenderer(win, -1, SDL_RENDERER_SOFTWARE);
    TTF_Font *title = open_font(72), *body = open_font(28);
    if (!win || !ren) {
        fprintf(stderr, "nnlab: cannot open a window: %s\n", SDL_GetError());
        goto out;
    }
    if (!title || !body) {
        fprintf(stderr, "nnlab: cannot open the DejaVu Sans font (install fonts-dejavu-core, "
                        "or set NNLAB_FONT to a .ttf file)\n");
        goto out;
    }
    char version[64];
    snprintf(version, sizeof version, "version %s", NNLAB_VERSION);
    for (int running = 1; running;) {
        SDL_Event e;
        while (SDL_PollEvent(&e))
            if (e.type == SDL_QUIT || (e.type == SDL_KEYDOWN && e.key.keysym.sym == SDLK_ESCAPE))
                running = 0;
        int w, h;
        SDL_GetRendererOutputSize(ren, &w, &h);
        SDL_SetRenderDrawColor(ren, 24, 26, 32, 255);
        SDL_RenderClear(ren);
        draw_text(ren, title, "nnlab", w / 2, h / 2 - 40, (SDL_Color){ 240, 240, 240, 255 });
        draw_text(ren, body, version, w / 2, h / 2 + 40, (SDL_Color){ 170, 180, 200, 255 });
        if (shot) {
            char err[256];
            if (shell_screenshot(ren, shot, err, sizeof err) != 0) {
                fprintf(stderr, "nnlab: %s\n", err);
                goto out;
            }
            printf("nnlab: screenshot saved to %s\n", shot);
            running = 0;
        }
        SDL_RenderPresent(ren);
        if (!shot) SDL_Delay(15);
    }
    rc = 0;
out:
    if (title) TTF_CloseFont(title);
    if (body) TTF_CloseFont(body);
    if (ren) SDL_DestroyRenderer(ren);
    if (win) SDL_DestroyWindow(win);
    TTF_Quit();
    SDL_Quit();
    return rc;
}
