/* tests/app/test_browser.c - the lesson browser and the player's marks,
 * rendered headless (SDL's software renderer into a surface).
 *
 * The browser opened on lessons/ lists every lesson's title on a visible
 * card of its own (Home and Down bring one into view when there are more
 * lessons than fit), and draws more than a blank box; a lesson file that does
 * not parse gets a card with its `file:line:` error and nothing else breaks;
 * Down + Enter (through the real event path) open the first lesson, whose
 * `hide:` controls the UI kit then hides and whose `highlight:` it marks.
 * White-box: includes player/player.h and ui/ui_internal.h.
 */
#include <SDL.h>
#include <SDL_ttf.h>
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "draw/font.h"
#include "lesson/lesson.h"
#include "shell/app.h"
#include "shell/frame.h"
#include "player/player.h"
#include "lesson_fixture.h"
#include "test.h"
#include "app_fixture.h"
#include "ui/ui.h"
#include "ui/ui_internal.h"
#include "views/view.h"


/* Distinct colours on a sparse grid inside r: a blank or flat area has 1-3. */
static int colours_in(const SDL_Surface *s, SDL_Rect r, int step)
{
    Uint32 seen[256];
    int n = 0;
    for (int y = r.y; y < r.y + r.h && y < s->h; y += step)
        for (int x = r.x; x < r.x + r.w && x < s->w; x += step) {
            const Uint32 v = *(const Uint32 *)((const Uint8 *)s->pixels + y * s->pitch + x * 4);
            int found = 0;
            for (int i = 0; i < n && !found; i++) found = seen[i] == v;
            if (!found && n < 256) seen[n++] = v;
        }
    return n;
}

static int inside(SDL_Rect in, SDL_Rect out)
{
    return in.x >= out.x && in.y >= out.y && in.x + in.w <= out.x + out.w && in.y + in.h <= out.y + out.h;
}

/* The titles of the lessons in a folder, read with the parser itself. */
static int titles_of(const char *dir, char titles[][LESSON_TITLE], int max)
{
    DIR *d = opendir(dir);
    if (!d) return -1;
    int n = 0;
    for (struct dirent *e; n < max && (e = readdir(d));) {
        const size_t len = strlen(e->d_name);
        if (len < 8 || strcmp(e->d_name + len - 7, ".lesson") != 0) continue;
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        lesson *L = lesson_parse_file(path, NULL);
        if (L) snprintf(titles[n++], LESSON_TITLE, "%s", L->title);
        lesson_free(L);
    }
    closedir(d);
    return n;
}

static void render(fixture *f, int frames)
{
    for (int i = 0; i < frames; i++) {
        player_tick(f->a);
        frame_render_only(f->a);
    }
}

/* Every lesson of lessons/ on its own visible card, the titles as the files give them. */
static int browser_lists_the_lessons(void)
{
    const int sizes[2][2] = { { 1280, 720 }, { 1920, 1080 } };
    for (int k = 0; k < 2; k++) {
        fixture f;
        CHECK(open_fixture(&f, k ? 1.5f : 1.0f, sizes[k][0], sizes[k][1]) == 0);
        app *a = f.a;
        a->opt.lessons_dir = "lessons";
        CHECK(!player_browsing(a));
        player_browse(a);
        CHECK(player_browsing(a));
        render(&f, 2);
        const lesson_entry *en;
        const SDL_Rect *cards;
        const int n = player_browser_list(a, &en, &cards);
        char titles[32][LESSON_TITLE];
        const int want = titles_of("lessons", titles, 32);
        CHECK(want >= 3);
        CHECK_MSG(n == want, "%d listed, %d lessons", n, want);
        const SDL_Rect screen = { 0, 0, f.w, f.h };
        CHECK_MSG(colours_in(f.surf, screen, 5) > 12, "a blank browser (%d colours)", colours_in(f.surf, screen, 5));
        for (int t = 0; t < want; t++) {
            int found = -1;
            for (int i = 0; i < n; i++) if (en[i].ok && strcmp(en[i].title, titles[t]) == 0) found = i;
            CHECK_MSG(found >= 0, "'%s' is not listed", titles[t]);
            /* each card drawn with its text; one below the box (more lessons than
             * fit) comes into view with Down through the browser's key path */
            for (int k2 = 0; k2 <= n && !(cards[found].h > 40 && inside(cards[found], screen)); k2++) {
                const SDL_Event key = { .key = { .type = SDL_KEYDOWN, .keysym = { .sym = k2 ? SDLK_DOWN : SDLK_HOME } } };
                CHECK(player_event(a, &key));
                render(&f, 1);
            }
            const SDL_Rect c = cards[found];
            CHECK_MSG(c.w > 200 && c.h > 40 && inside(c, screen), "card of '%s': %d,%d %dx%d", titles[t], c.x, c.y, c.w, c.h);
            CHECK(colours_in(f.surf, c, 2) > 8);
            for (int j = 0; j < n; j++)
                if (j != found) CHECK(!SDL_HasIntersection(&c, &cards[j]));
        }
        for (int i = 1; i < n; i++) CHECK(en[i - 1].order <= en[i].order);   /* in the lessons' order */
        /* the view is not drawn under the browser: the Playground's toolbar is absent */
        CHECK(a->view_state[a->view] == NULL);
        player_browse(a);
        CHECK(!player_browsing(a));
        close_fixture(&f);
    }
    return 0;
}

/* A lesson with a mistake: its card shows the error with file and line, first
 * in the list; the others still open; nothing crashes. */
static int browser_shows_a_broken_lesson(void)
{
    lesson_dir d;
    CHECK(lesson_dir_open(&d) == 0);
    CHECK(lesson_dir_write(&d, "01_parameters.lesson", NULL) == 0);
    CHECK(lesson_dir_write(&d, "02_broken.lesson",
                           "lesson: Broken\norder: 2\n\nA summary.\n\nstep: One\nview: rase\nText.\n") == 0);

    fixture f;
    CHECK(open_fixture(&f, 1.0f, 1280, 720) == 0);
    app *a = f.a;
    a->opt.lessons_dir = d.dir;
    player_browse(a);
    render(&f, 2);
    const lesson_entry *en;
    const SDL_Rect *cards;
    CHECK(player_browser_list(a, &en, &cards) == 2);
    CHECK(!en[0].ok && en[1].ok);
    CHECK_MSG(strstr(en[0].error, "02_broken.lesson:7: unknown view 'rase'"), "%s", en[0].error);
    const SDL_Rect screen = { 0, 0, 1280, 720 };
    CHECK(cards[0].w > 200 && cards[0].h > 2 * gfx_text_height(a->fonts, GFX_FONT_BODY) && inside(cards[0], screen));
    CHECK(colours_in(f.surf, cards[0], 2) > 8);
    /* a click on the broken card opens nothing; the program goes on */
    SDL_Event e = { .button = { .type = SDL_MOUSEBUTTONDOWN, .button = SDL_BUTTON_LEFT,
                                .x = cards[0].x + cards[0].w / 2, .y = cards[0].y + cards[0].h / 2 } };
    ui_handle_event(a->ui, &e);
    e.type = SDL_MOUSEBUTTONUP;
    ui_handle_event(a->ui, &e);
    render(&f, 2);
    CHECK(player_browsing(a) && !a->player->ls);
    close_fixture(&f);
    lesson_dir_remove(&d);
    return 0;
}

static int in_marks(const ui_id *list, int n, ui_id id)
{
    for (int i = 0; i < n; i++) if (list[i] == id) return 1;
    return 0;
}

static void push_key(SDL_Keycode k)
{
    SDL_Event e = { .key = { .type = SDL_KEYDOWN, .keysym = { .sym = k } } };
    SDL_PushEvent(&e);
}

/* Down chooses the first lesson, Enter opens it (the real event path); its
 * marks reach the UI kit: hidden controls hidden, highlighted ones marked. */
static int keys_open_a_lesson_and_marks_apply(void)
{
    fixture f;
    CHECK(open_fixture(&f, 1.0f, 1280, 720) == 0);
    app *a = f.a;
    a->opt.lessons_dir = "lessons";
    player_browse(a);
    render(&f, 1);
    push_key(SDLK_DOWN);
    frame_run(a);
    frame_run(a);
    CHECK(ui_focus_id(a->ui) != 0);
    push_key(SDLK_RETURN);
    frame_run(a);
    CHECK(!player_browsing(a));
    CHECK(a->player && a->player->ls && strstr(a->player->path, "01_parameters"));
    frame_run(a);
    /* lessons/01 hides dropout and l2 and highlights lr in its first step */
    CHECK(in_marks(a->ui->hidden, a->ui->n_hidden, ui_label_id("Dropout")));
    CHECK(in_marks(a->ui->hidden, a->ui->n_hidden, ui_label_id("L2 lambda")));
    CHECK(in_marks(a->ui->highlight, a->ui->n_highlight, ui_label_id("Learning rate")));
    CHECK(!in_marks(a->ui->hidden, a->ui->n_hidden, ui_label_id("Learning rate")));
    /* L opens the browser over the lesson, Esc closes it and the lesson is still there */
    push_key(SDLK_l);
    frame_run(a);
    CHECK(player_browsing(a));
    push_key(SDLK_ESCAPE);
    frame_run(a);
    CHECK(!player_browsing(a) && !a->quit && a->player->ls);
    /* Esc again (a stray press, a clicker's key) does not quit; Ctrl+Q does */
    push_key(SDLK_ESCAPE);
    frame_run(a);
    CHECK(!a->quit && a->player->ls);
    SDL_Event q = { .key = { .type = SDL_KEYDOWN, .keysym = { .sym = SDLK_q, .mod = KMOD_LCTRL } } };
    SDL_PushEvent(&q);
    frame_run(a);
    CHECK(a->quit);
    close_fixture(&f);
    return 0;
}

/* A waiting step asks in the words on the screen, not the file's names; a
 * condition that is not about one control in plain words, not its syntax. */
static int wait_prompts_use_labels(void)
{
    static const char text[] =
        "lesson: t\norder: 1\n\nThe summary.\n\n"
        "step: one\nwait: layers == none\nlearner: set layers = none\n\nLook.\n\n"
        "step: two\nwait: lr < 0.05\nlearner: set lr = 0.01\n\nLook.\n\n"
        "step: three\nwait: decay == inverse\nlearner: set decay = inverse\n\nLook.\n\n"
        "step: four\nwait: dev_acc >= 0.5\nlearner: run 10 epochs\n\nLook.\n";
    static const char *const want[] = {
        "**Your turn:** set **Hidden layers** to 0 (no hidden layer). (Next shows how.)",
        "**Your turn:** bring **Learning rate** below 0.05. (Next shows how.)",
        "**Your turn:** set **LR decay** to inverse. (Next shows how.)",
        "**Your turn:** make the dev accuracy at least 0.5. (Next shows how.)",
    };
    lesson_error e;
    lesson *L = lesson_parse(text, sizeof text - 1, "prompts", &e);
    CHECK_MSG(L != NULL, "%s", e.text);
    CHECK(L->n_steps == 4);
    for (int i = 0; i < 4; i++) {
        char got[400];
        CHECK(L->steps[i].n_actions >= 1 && L->steps[i].actions[0].kind == LESSON_WAIT);
        player_wait_prompt(&L->steps[i].actions[0].cond, got, sizeof got);
        CHECK_MSG(!strcmp(got, want[i]), "step %d: %s", i + 1, got);
    }
    lesson_free(L);
    return 0;
}

static const test_case CASES[] = {
    { "wait_prompts_use_labels", wait_prompts_use_labels },
    { "browser_lists_the_lessons", browser_lists_the_lessons },
    { "browser_shows_a_broken_lesson", browser_shows_a_broken_lesson },
    { "keys_open_a_lesson_and_marks_apply", keys_open_a_lesson_and_marks_apply },
};
TEST_MAIN(CASES)
