/* log.h: one-line structured logging to stderr (info, warn, error). */
#ifndef KTV_LOG_H
#define KTV_LOG_H

/* Levels below the configured one are dropped. */
enum log_level { LOG_DEBUG, LOG_INFO, LOG_WARN, LOG_ERROR };

/* Sets the minimum level; called once at start-up before any thread starts. */
void log_set_level(enum log_level level);

/* Writes "2026-12-03T17:42:00Z level msg" with printf-style formatting. Thread-safe
 * (one fprintf call per line). */
void log_msg(enum log_level level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#define log_debug(...) log_msg(LOG_DEBUG, __VA_ARGS__)
#define log_info(...) log_msg(LOG_INFO, __VA_ARGS__)
#define log_warn(...) log_msg(LOG_WARN, __VA_ARGS__)
#define log_error(...) log_msg(LOG_ERROR, __VA_ARGS__)

#endif
