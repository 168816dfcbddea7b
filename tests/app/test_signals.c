/* tests/app/test_signals.c - SIGTERM ends the program even when a frame is
 * stuck (issue #10: a frame that never returned made nnlab ignore SIGTERM;
 * only SIGKILL ended it).
 *
 * Each case runs in a child process that installs the handlers, is sent the
 * signal, and then either spins (a stuck frame), quits in time, or is sent a
 * second signal; the parent checks how and when the child ended. The clean
 * path through the real program is tests/cli/test_signals.sh.
 */
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "shell/signals.h"
#include "test.h"

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* Wait up to limit seconds for pid; returns its wait status, or -1 (and
 * kills it) when it is still running. *took gets the seconds waited. */
static int wait_for(pid_t pid, double limit, double *took)
{
    const double t0 = now_s();
    int status;
    while (now_s() - t0 < limit) {
        if (waitpid(pid, &status, WNOHANG) == pid) {
            *took = now_s() - t0;
            return status;
        }
        nanosleep(&(struct timespec){ 0, 10000000 }, NULL);
    }
    kill(pid, SIGKILL);
    waitpid(pid, &status, 0);
    *took = now_s() - t0;
    return -1;
}

/* A frame that never returns: a busy loop, as the dash walk was. */
static void spin(void)
{
    volatile unsigned long n = 0;
    for (;;) n++;
}

static int stuck_frame_exits_143_after_the_grace(void)
{
    const pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        shell_signals_install(1);
        raise(SIGTERM);
        if (shell_signal_caught() != SIGTERM) _exit(3);
        spin();
    }
    double took;
    const int st = wait_for(pid, 10.0, &took);
    CHECK_MSG(st != -1, "the child was still running %.1f s after SIGTERM", took);
    CHECK_MSG(WIFEXITED(st), "the child ended by signal %d, not by exiting", WIFSIGNALED(st) ? WTERMSIG(st) : 0);
    CHECK_MSG(WEXITSTATUS(st) == 128 + SIGTERM, "exit code %d", WEXITSTATUS(st));
    CHECK_MSG(took > 0.8 && took < 4.0, "exited after %.2f s (grace 1 s)", took);
    return 0;
}

static int second_signal_exits_at_once(void)
{
    const pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        shell_signals_install(30);
        raise(SIGINT);
        if (shell_signal_caught() != SIGINT) _exit(3);
        raise(SIGTERM);
        spin();
    }
    double took;
    const int st = wait_for(pid, 10.0, &took);
    CHECK_MSG(st != -1, "the child was still running %.1f s after two signals", took);
    CHECK(WIFEXITED(st));
    CHECK_MSG(WEXITSTATUS(st) == 128 + SIGINT, "exit code %d", WEXITSTATUS(st));
    CHECK_MSG(took < 3.0, "exited after %.2f s", took);
    return 0;
}

/* A program that quits in time keeps its own exit path (and code). */
static int clean_quit_within_the_grace(void)
{
    const pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        shell_signals_install(2);
        raise(SIGTERM);
        nanosleep(&(struct timespec){ 0, 200000000 }, NULL);   /* the rest of a frame */
        _exit(shell_signal_caught() == SIGTERM ? 42 : 3);
    }
    double took;
    const int st = wait_for(pid, 10.0, &took);
    CHECK(st != -1 && WIFEXITED(st));
    CHECK_MSG(WEXITSTATUS(st) == 42, "exit code %d", WEXITSTATUS(st));
    return 0;
}

static const test_case CASES[] = {
    { "stuck_frame_exits_143_after_the_grace", stuck_frame_exits_143_after_the_grace },
    { "second_signal_exits_at_once", second_signal_exits_at_once },
    { "clean_quit_within_the_grace", clean_quit_within_the_grace },
};
TEST_MAIN(CASES)
