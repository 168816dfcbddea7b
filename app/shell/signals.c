/* app/shell/signals.c - SIGTERM and SIGINT end the program (see signals.h). */
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "shell/signals.h"

static volatile sig_atomic_t caught;
static unsigned grace = 3;

static void on_grace_over(int sig)
{
    (void)sig;
    _exit(128 + (caught ? caught : SIGTERM));
}

static void on_terminate(int sig)
{
    if (caught) _exit(128 + caught);   /* asked twice: no more waiting */
    caught = sig;
    alarm(grace);                      /* the frame loop has this long to quit cleanly */
}

void shell_signals_install(unsigned grace_seconds)
{
    grace = grace_seconds > 0 ? grace_seconds : 1;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sigemptyset(&sa.sa_mask);
    sa.sa_handler = on_grace_over;
    sigaction(SIGALRM, &sa, NULL);
    sa.sa_handler = on_terminate;
    sigaddset(&sa.sa_mask, SIGTERM);
    sigaddset(&sa.sa_mask, SIGINT);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
}

int shell_signal_caught(void) { return caught; }
