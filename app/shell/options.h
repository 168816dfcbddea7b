/* app/shell/options.h - nnlab's command line. */
#ifndef NNLAB_OPTIONS_H
#define NNLAB_OPTIONS_H

#include <stdint.h>

#define APP_MAX_SETS 32
/* The smallest window: SVGA, the lowest resolution projectors commonly show,
 * and the smallest size every view is laid out whole for at zoom 1 (at
 * 640x480 the tabs and plot titles no longer fit). --size, the window's
 * minimum size and a window shrunk without a window manager all keep to it. */
#define APP_MIN_WIDTH  800
#define APP_MIN_HEIGHT 600

typedef struct app_options {
    const char *view;            /* --view NAME (NULL: the last one used, or playground) */
    int         fullscreen;      /* --fullscreen */
    float       scale;           /* --scale X (0: remembered or 1) */
    int         seed_set;
    uint64_t    seed;            /* --seed N */
    const char *data_dir;        /* --data-dir DIR (checked: an existing directory) */
    const char *screenshot;      /* --screenshot FILE: render, save, exit */
    int         frames;          /* --frames N: frames to run first (default 1 with --screenshot) */
    int         width, height;   /* --size WxH (default 1280x720, at least APP_MIN_WIDTH x APP_MIN_HEIGHT) */
    const char *theme;           /* --theme dark|light */
    const char *check_lesson;    /* --check-lesson FILE */
    const char *run_lesson;      /* --run-lesson FILE */
    const char *lesson;          /* --lesson FILE: open it in the player */
    int         lessons;         /* --lessons: open the lesson browser */
    const char *lessons_dir;     /* --lessons-dir DIR: where the browser looks (NULL: default) */
    int         play;            /* --play: start training immediately */
    const char *sets[APP_MAX_SETS];   /* --set NAME=VALUE, in order (checked by main) */
    int         n_sets;
    const char *setup;           /* nnlab FILE: a setup file to open (shell/file_menu.h, nn/setup.h) */
    const char *record;          /* --record FILE: record from the first frame (.gif or .mp4; record/record.h) */
    const char *record_area;     /* --record-area window|view (NULL: the remembered one, else window) */
} app_options;

/* Parse argv. Returns 0 to go on, 1 when --help/--version printed (exit 0),
 * 2 after printing one line about a bad option (exit 2). */
int app_options_parse(app_options *o, int argc, char **argv);

#endif
