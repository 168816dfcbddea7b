/* tests/app/app_fixture.h - a whole app drawing into an RGBA surface through
 * SDL's software renderer, for the view, browser and image tests: fonts, UI
 * kit, theme and a session on the default configuration, the Playground
 * current. Header-only: every app test is its own program. */
#ifndef NNLAB_TEST_APP_FIXTURE_H
#define NNLAB_TEST_APP_FIXTURE_H

#include <SDL.h>
#include <SDL_ttf.h>
#include <stdlib.h>
#include <string.h>

#include "draw/font.h"
#include "shell/app.h"
#include "player/player.h"
#include "record/record.h"
#include "shell/frame.h"
#include "ui/ui.h"
#include "views/view.h"

typedef struct fixture { SDL_Surface *surf; app *a; int w, h; } fixture;

static inline int open_fixture(fixture *f, float scale, int w, int h)
{
    memset(f, 0, sizeof *f);
    if (SDL_Init(SDL_INIT_VIDEO) != 0 || TTF_Init() != 0) return 1;
    f->w = w;
    f->h = h;
    f->surf = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_RGBA32);
    f->a = calloc(1, sizeof *f->a);
    if (!f->surf || !f->a) return 1;
    app *a = f->a;
    a->r = SDL_CreateSoftwareRenderer(f->surf);
    a->scale = scale;
    const char *err = NULL;
    a->fonts = gfx_fonts_create(a->r, scale, &err);
    a->ui = a->fonts ? ui_create(a->r, a->fonts) : NULL;
    if (!a->r || !a->ui || err) return 1;
    frame_apply_theme(a);
    ui_set_scale(a->ui, scale);
    nn_config c = nn_config_default();
    if (app_labs_init(a) != 0) return 1;
    session_init(&a->s, &c);
    a->view = view_index("playground");
    return 0;
}

static inline void close_fixture(fixture *f)
{
    app *a = f->a;
    if (a) {
        record_stop(a, NULL, 0);   /* a recording still running (F9) */
        player_close(a);
        for (int i = 0; i < VIEW_COUNT; i++) if (a->view_state[i]) VIEWS[i]->destroy(a->view_state[i]);
        session_free(&a->s);
        app_labs_free(a);
        ui_destroy(a->ui);
        gfx_fonts_destroy(a->fonts);
        if (a->r) SDL_DestroyRenderer(a->r);
        free(a);
    }
    SDL_FreeSurface(f->surf);
    TTF_Quit();
    SDL_Quit();
}

static inline SDL_Color fixture_pixel(const SDL_Surface *s, int x, int y)
{
    const Uint8 *p = (const Uint8 *)s->pixels + y * s->pitch + x * 4;
    return (SDL_Color){ p[0], p[1], p[2], p[3] };
}

/* p is within tol of colour c in each of red, green and blue. */
static inline int fixture_near_colour(SDL_Color p, SDL_Color c, int tol)
{
    return abs(p.r - c.r) < tol && abs(p.g - c.g) < tol && abs(p.b - c.b) < tol;
}

/* Pixels of the rectangle r (clipped to s) near colour c (fixture_near_colour). */
static inline int fixture_count_colour(const SDL_Surface *s, SDL_Rect r, SDL_Color c, int tol)
{
    int n = 0;
    for (int y = r.y < 0 ? 0 : r.y; y < r.y + r.h && y < s->h; y++)
        for (int x = r.x < 0 ? 0 : r.x; x < r.x + r.w && x < s->w; x++)
            n += fixture_near_colour(fixture_pixel(s, x, y), c, tol);
    return n;
}

#endif
