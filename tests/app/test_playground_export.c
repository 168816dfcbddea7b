/* tests/app/test_playground_export.c - the Playground's "Export as PyTorch
 * script" (app/views/playground_export.c, issue 16).
 *
 * - The Playground's settings go to DIR/nnlab_<data>_<stamp>.py with the
 *   data beside it, and the toast names that path.
 * - An image set's name is made Python-friendly (fashion-small -> fashion_small).
 * - A directory that cannot be written gives "Export failed: ..." and no file.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "nn/status.h"
#include "views/playground_export.h"
#include "test.h"

static int exists(const char *p) { struct stat st; return stat(p, &st) == 0 && st.st_size > 0; }

static void stamp_of(time_t t, char *out, size_t n) { strftime(out, n, "%Y%m%d_%H%M%S", localtime(&t)); }

static int writes_script_and_data_and_names_them(void)
{
    char tmpl[] = "/tmp/nnlab_export.XXXXXX";
    const char *dir = mkdtemp(tmpl);
    CHECK(dir != NULL);
    nn_config c = nn_config_default();
    CHECK(nn_config_set(&c, "layers", "8", NULL) == NN_OK);
    CHECK(nn_config_set(&c, "samples", "100", NULL) == NN_OK);
    const time_t now = 1764972000;
    char msg[300], stamp[32], path[512];
    stamp_of(now, stamp, sizeof stamp);
    CHECK(playground_export_torch(&c, dir, now, msg, sizeof msg) == 0);
    snprintf(path, sizeof path, "%s/nnlab_spiral_%s.py", dir, stamp);
    CHECK_MSG(strstr(msg, path) != NULL, "toast '%s' names %s", msg, path);
    CHECK_MSG(strncmp(msg, "PyTorch script saved to ", 24) == 0, "toast: %s", msg);
    CHECK(exists(path));
    const char *parts[3] = { "train", "dev", "test" };
    for (int i = 0; i < 3; i++) {
        char csv[600];
        snprintf(csv, sizeof csv, "%s/nnlab_spiral_%s_%s.csv", dir, stamp, parts[i]);
        CHECK_MSG(exists(csv), "%s", csv);
        remove(csv);
    }
    remove(path);

    CHECK(nn_config_set(&c, "data", "fashion-small", NULL) == NN_OK);
    CHECK(nn_config_set(&c, "train-limit", "100", NULL) == NN_OK);
    CHECK(playground_export_torch(&c, dir, now, msg, sizeof msg) == 0);
    snprintf(path, sizeof path, "%s/nnlab_fashion_small_%s.py", dir, stamp);
    CHECK_MSG(strstr(msg, path) != NULL, "toast '%s' names %s", msg, path);
    CHECK(exists(path));
    char cmd[700];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    CHECK(system(cmd) == 0);
    return 0;
}

static int unwritable_directory_is_a_message_and_no_file(void)
{
    nn_config c = nn_config_default();
    char msg[300];
    CHECK(playground_export_torch(&c, "/nonexistent-nnlab-dir", 0, msg, sizeof msg) == -1);
    CHECK_MSG(strncmp(msg, "Export failed: ", 15) == 0 && strstr(msg, "/nonexistent-nnlab-dir/nnlab_spiral_"),
              "toast: %s", msg);
    return 0;
}

static const test_case CASES[] = {
    { "writes_script_and_data_and_names_them", writes_script_and_data_and_names_them },
    { "unwritable_directory_is_a_message_and_no_file", unwritable_directory_is_a_message_and_no_file },
};
TEST_MAIN(CASES)
