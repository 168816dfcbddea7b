/* app/views/run_keys.c - the keys of a view that trains the Playground's run (see run_keys.h). */
#include "views/run_keys.h"

#include "shell/app.h"

void run_keys_speed(app *a, int faster)
{
    session *s = &a->s;
    if (faster && s->speed < 4096) s->speed *= 2;
    if (!faster && s->speed > 1) s->speed /= 2;
    app_toast(a, "Speed: %d update%s per frame%s", s->speed, s->speed == 1 ? "" : "s",
              s->speed == 4096 ? " (fastest)" : s->speed == 1 ? " (slowest)" : "");
}

int run_keys(app *a, const SDL_KeyboardEvent *k)
{
    session *s = &a->s;
    switch (k->keysym.sym) {
    case SDLK_SPACE: s->playing = !s->playing && (s->open || s->loading); return 1;
    case SDLK_s: case SDLK_RIGHT: session_step(s); return 1;
    case SDLK_e: session_epoch(s); return 1;
    case SDLK_r: session_reset(s); return 1;
    case SDLK_n: session_new_seed_async(s); return 1;
    case SDLK_PLUS: case SDLK_EQUALS: case SDLK_KP_PLUS: run_keys_speed(a, 1); return 1;
    case SDLK_MINUS: case SDLK_KP_MINUS: run_keys_speed(a, 0); return 1;
    default: return 0;
    }
}
