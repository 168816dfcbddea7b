/* app/shell/signals.h - SIGTERM and SIGINT end the program, even mid-frame.
 *
 *   shell_signals_install(3);          // after SDL_Init (replaces SDL's handlers)
 *   ... each frame: if (shell_signal_caught()) quit cleanly ...
 *   return rc == 0 && sig ? 128 + sig : rc;
 *
 * SDL turns SIGTERM into an SDL_QUIT event, which only helps while the frame
 * loop polls events: a frame that never finishes would ignore it. Here the
 * first SIGTERM or SIGINT is recorded for the loop to quit cleanly (prefs are
 * saved) and starts a grace period; if the program is still running when it
 * ends, or when a second signal comes, it leaves at once with _exit(128 +
 * signal) from the handler (async-signal-safe: nothing is saved).
 */
#ifndef NNLAB_SIGNALS_H
#define NNLAB_SIGNALS_H

/* Handlers for SIGTERM and SIGINT, and SIGALRM for the grace period. */
void shell_signals_install(unsigned grace_seconds);
/* 0, or the first termination signal received. */
int  shell_signal_caught(void);

#endif
