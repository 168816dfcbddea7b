/* app/shell/options.c - nnlab's command line (see options.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "nn/parse.h"
#include "nn/status.h"
#include "shell/options.h"

static const char HELP[] =
    "usage: nnlab [options] [SETUP]\n\n"
    "nnlab trains neural networks and shows what training does.\n\n"
    "  SETUP                a setup file to open (saved with Ctrl+S): its settings, seed, view\n"
    "                       and lesson step; --view and --play given too apply after it.\n"
    "                       Format: '# nnlab setup 1', then 'name = value' lines (README, Setups)\n"
    "  --view NAME          open this view (see the view list in the window)\n"
    "  --lesson FILE        open a lesson in the player; FILE may be a lesson's name in the\n"
    "                       lessons folder (05_l2_regularisation), here and in the two below\n"
    "  --lessons            open the lesson browser (L in the window)\n"
    "  --lessons-dir DIR    the folder of lessons the browser lists (default: $NNLAB_LESSONS,\n"
    "                       ./lessons, else the installed share/nnlab/lessons)\n"
    "  --fullscreen         start fullscreen (F11 toggles)\n"
    "  --scale X            zoom the interface for a projector, 0.5..4 (Ctrl+plus / Ctrl+minus)\n"
    "  --theme dark|light   light is the high-contrast theme\n"
    "  --size WxH           window size (default 1280x720, at least 800x600)\n"
    "  --seed N             seed for data and initial weights\n"
    "  --data-dir DIR       where the Fashion-MNIST .gz files are, for Dataset 'fashion'\n"
    "                       (default /usr/share/datasets/fashion-mnist)\n"
    "  --set NAME=VALUE     start the Playground with this setting (the names of nnlab-train's\n"
    "                       options, e.g. --set data=fashion-small --set layers=c4k3,p2,32)\n"
    "                       or colour-by=weight|gradient: the Playground's network coloured by\n"
    "                       the weights or the latest update's gradients (key G)\n"
    "  --play               start training at once\n"
    "  --frames N           run N frames first (with --screenshot: then save)\n"
    "  --screenshot FILE    render, save a PNG and exit (works with SDL_VIDEODRIVER=dummy)\n"
    "  --record FILE        record the window to FILE (.gif or .mp4) from the first frame until\n"
    "                       the program quits or F9 stops it; with --frames N, each of the N frames\n"
    "                       is one frame of the file (GIF 12.5, MP4 25 frames a second), then exit\n"
    "  --record-area window|view  record the whole window (default) or only the view\n"
    "  --check-lesson FILE  parse and validate a lesson; exit 0 if it is valid\n"
    "  --run-lesson FILE    run a lesson headless, check every checkpoint; exit 0 if all pass\n"
    "  --help, --version\n\n"
    "Exit codes: 0 done; 1 the window could not be opened; 2 a bad option or input:\n"
    "  a missing or broken --lesson file or SETUP (checked before the window opens), a\n"
    "  --screenshot or --record file that cannot be written (never over a device or FIFO).\n"
    "  --check-lesson: 0 valid, 2 invalid; --run-lesson: 0 all checkpoints pass,\n"
    "  1 one failed, 2 invalid or not runnable; errors go to stderr.\n";

static int bad(const char *fmt, const char *a, const char *b)
{
    fprintf(stderr, "nnlab: ");
    fprintf(stderr, fmt, a, b);
    fputc('\n', stderr);
    return 2;
}

int app_options_parse(app_options *o, int argc, char **argv)
{
    memset(o, 0, sizeof *o);
    o->width = 1280;
    o->height = 720;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) { fputs(HELP, stdout); return 1; }
        if (strcmp(a, "--version") == 0) { printf("nnlab %s\n", NNLAB_VERSION); return 1; }
        if (strcmp(a, "--fullscreen") == 0) { o->fullscreen = 1; continue; }
        if (strcmp(a, "--play") == 0) { o->play = 1; continue; }
        if (strcmp(a, "--lessons") == 0) { o->lessons = 1; continue; }
        const char *const with_value[] = { "--view", "--scale", "--seed", "--data-dir", "--screenshot",
                                           "--frames", "--size", "--theme", "--check-lesson",
                                           "--run-lesson", "--lesson", "--lessons-dir", "--set", "--record",
                                           "--record-area" };
        if (a[0] != '-' && !o->setup) { o->setup = a; continue; }   /* nnlab FILE */
        int known = 0;
        for (size_t k = 0; k < sizeof with_value / sizeof with_value[0]; k++) known |= strcmp(a, with_value[k]) == 0;
        if (!known) return bad("unknown option '%s'%s (see --help)", a, "");
        if (i + 1 >= argc) return bad("%s needs a value%s (see --help)", a, "");
        const char *v = argv[++i];
        double x;
        long n;
        if (strcmp(a, "--view") == 0) o->view = v;
        else if (strcmp(a, "--data-dir") == 0) {
            struct stat st;
            if (stat(v, &st) != 0) return bad("--data-dir %s: %s", v, strerror(errno));
            if (!S_ISDIR(st.st_mode)) return bad("--data-dir %s: %s", v, "not a directory");
            o->data_dir = v;
        } else if (strcmp(a, "--set") == 0) {
            if (!strchr(v, '=') || *v == '=')
                return bad("--set expects NAME=VALUE (e.g. --set data=fashion-small), got '%s'%s", v, "");
            if (o->n_sets >= APP_MAX_SETS) return bad("--set: at most %s settings%s", "32", "");
            o->sets[o->n_sets++] = v;
        }
        else if (strcmp(a, "--screenshot") == 0) o->screenshot = v;
        else if (strcmp(a, "--record") == 0) {
            const size_t len = strlen(v);
            if (len < 5 || (strcasecmp(v + len - 4, ".gif") && strcasecmp(v + len - 4, ".mp4")))
                return bad("--record %s: the file name must end in .gif or .mp4%s", v, "");
            o->record = v;
        } else if (strcmp(a, "--record-area") == 0) {
            if (strcmp(v, "window") && strcmp(v, "view"))
                return bad("--record-area expects window|view, got '%s'%s", v, "");
            o->record_area = v;
        }
        else if (strcmp(a, "--check-lesson") == 0) o->check_lesson = v;
        else if (strcmp(a, "--run-lesson") == 0) o->run_lesson = v;
        else if (strcmp(a, "--lesson") == 0) o->lesson = v;
        else if (strcmp(a, "--lessons-dir") == 0) o->lessons_dir = v;
        else if (strcmp(a, "--scale") == 0) {
            if (nn_parse_float(a, v, 0.5, 4, &x)) return bad("%s%s", nn_last_error(), "");
            o->scale = (float)x;
        } else if (strcmp(a, "--frames") == 0) {
            if (nn_parse_int(a, v, 1, 1000000, &n)) return bad("%s%s", nn_last_error(), "");
            o->frames = (int)n;
        } else if (strcmp(a, "--seed") == 0) {
            char *end;
            errno = 0;
            o->seed = strtoull(v, &end, 10);
            if (*v == '\0' || *v == '-' || *end || errno)
                return bad("--seed expects a non-negative integer, got '%s'%s", v, "");
            o->seed_set = 1;
        } else if (strcmp(a, "--size") == 0) {
            int w, h;
            char tail;
            if (sscanf(v, "%dx%d%c", &w, &h, &tail) != 2 || w < APP_MIN_WIDTH || h < APP_MIN_HEIGHT || w > 8192 ||
                h > 8192)
                return bad("--size expects WIDTHxHEIGHT from 800x600 (the smallest window the layout fits) "
                           "to 8192x8192, got '%s'%s", v, "");
            o->width = w;
            o->height = h;
        } else if (strcmp(a, "--theme") == 0) {
            if (strcmp(v, "dark") && strcmp(v, "light"))
                return bad("--theme expects dark|light, got '%s'%s", v, "");
            o->theme = v;
        }
    }
    return 0;
}
