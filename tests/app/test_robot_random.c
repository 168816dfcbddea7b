/* tests/app/test_robot_random.c - a seeded random walk of events over the
 * whole program: clicks and drags (mostly on controls), wheel, keys, typed
 * text, zoom, view changes, with training playing.
 *
 * CI runs a fixed count; for longer runs set NNLAB_ROBOT_EVENTS (events per
 * configuration) and NNLAB_ROBOT_SEED (the first seed). The seed is printed
 * before each walk and in every failure message, so a failure replays with
 * NNLAB_ROBOT_SEED=S.
 */
#include "robot.h"
#include "test.h"

static char lessons_dir[1100];

static long env_long(const char *name, long fallback)
{
    const char *v = getenv(name);
    char *end;
    const long x = v ? strtol(v, &end, 10) : 0;
    return v && *v && !*end && x > 0 ? x : fallback;
}

static int walk(int w, int h, float zoom, const char *data, const char *lesson_file, uint64_t seed_offset)
{
    const uint64_t seed = (uint64_t)env_long("NNLAB_ROBOT_SEED", 1) + seed_offset;
    const long count = env_long("NNLAB_ROBOT_EVENTS", 1500);
    printf("  random walk: seed %llu, %ld events, %dx%d zoom %.1f, data %s, lesson %s\n",
           (unsigned long long)seed, count, w, h, (double)zoom, data ? data : "default", lesson_file ? lesson_file : "none");
    fflush(stdout);
    robot R;
    CHECK(robot_open(&R, w, h, zoom, lessons_dir) == 0);
    robot_watchdog(300);
    if (data) {
        const char *name = "data", *value = data;
        session_apply(&R.a->s, &name, &value, 1, 1);
    }
    if (lesson_file) {
        char path[1400];
        snprintf(path, sizeof path, "%.1100s/%.255s", lessons_dir, lesson_file);
        player_open(R.a, path);
    }
    int rc = robot_train(&R, 3, 600) || robot_random(&R, seed, count);
    if (rc) fprintf(stderr, "robot: random walk failed; replay with NNLAB_ROBOT_SEED=%llu NNLAB_ROBOT_EVENTS=%ld\n",
                    (unsigned long long)seed, count);
    printf("  %ld frames\n", R.frames);
    robot_close(&R);
    alarm(0);
    return rc;
}

static int plane(void) { return walk(1280, 720, 1.0f, NULL, NULL, 0); }
static int images_zoomed(void) { return walk(1024, 600, 1.5f, "fashion-small", NULL, 1); }
static int in_a_lesson(void) { return walk(1024, 600, 2.0f, NULL, "15_learning_rate_decay.lesson", 2); }

static const test_case CASES[] = {
    { "plane", plane },
    { "images_zoomed", images_zoomed },
    { "in_a_lesson", in_a_lesson },
};

int main(int argc, char **argv)
{
    if (robot_sandbox(lessons_dir, sizeof lessons_dir) != 0) return 1;
    return test_run(CASES, (int)(sizeof CASES / sizeof CASES[0]), argc > 1 ? argv[1] : NULL) != 0;
}
