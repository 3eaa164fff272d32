/* Logging to standard error, one write(2) per line so that lines from
 * several threads never interleave.
 *
 * log_error: our fault (a bug, a broken database) — someone should look.
 * log_warn:  the client's fault or the outside world (bad input, a failed
 *            delivery) — worth knowing, nothing to fix in the code.
 * log_info:  what happened. */
#ifndef SAMSKAP_LOG_H
#define SAMSKAP_LOG_H

void log_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Raw line to the access log (standard output unless redirected). */
void log_access_line(const char *line, unsigned long len);

/* When quiet, log_info is dropped (tests and benchmarks). */
void log_set_quiet(int quiet);

#endif
